import { expect, test } from "vitest";
import { auditQuerySchema, auditWhere } from "./audit";

test("the URL state is parsed leniently: junk becomes 'no filter', never an error page", () => {
  expect(auditQuerySchema.parse({ page: "x", from: "yesterday", actor: "  " })).toEqual({
    page: 1,
    actor: undefined,
    action: undefined,
    from: undefined,
    to: undefined,
  });
  expect(auditQuerySchema.parse({ page: "3", action: "user.invite" })).toMatchObject({
    page: 3,
    action: "user.invite",
  });
});

test("days are the school's days, and 'to' includes its whole day", () => {
  const where = auditWhere(
    auditQuerySchema.parse({ from: "2026-03-01", to: "2026-03-01", actor: "system" }),
    "Europe/Moscow",
  );
  expect(where).toEqual({
    actorEmail: null,
    createdAt: { gte: new Date("2026-02-28T21:00:00Z"), lt: new Date("2026-03-01T21:00:00Z") },
  });
});
