import { expect, test } from "vitest";
import type { Link } from "@/lib/generated/prisma/client";
import { decideLink } from "./links";

const request = { email: "anna@example.ru", telegramId: "111", sbClientId: "42" };

function link(overrides: Partial<Link>): Link {
  return {
    id: 1n,
    projectId: "p",
    sbClientId: "42",
    telegramId: "111",
    email: "anna@example.ru",
    gcUserId: "9001",
    source: "bot",
    linkedAt: new Date(),
    updatedAt: new Date(),
    clientName: null,
    pendingSalebotAttempts: 0,
    proof: null,
    provenAt: null,
    telegramUsername: null,
    searchText: null,
    ...overrides,
  };
}

test("nothing linked yet: go ahead", () => {
  expect(decideLink({ byClient: null, byEmail: null }, request)).toEqual({ kind: "proceed" });
});

test("the same triple again is already linked", () => {
  const existing = link({});
  expect(decideLink({ byClient: existing, byEmail: existing }, request).kind).toBe("already_linked");
});

test("the client linked to another e-mail is a conflict", () => {
  const decision = decideLink({ byClient: link({ email: "other@example.ru" }), byEmail: null }, request);
  expect(decision).toMatchObject({ kind: "conflict" });
});

test("the e-mail linked to another client is a conflict", () => {
  const decision = decideLink({ byClient: null, byEmail: link({ sbClientId: "77" }) }, request);
  expect(decision).toMatchObject({ kind: "conflict", detail: expect.stringContaining("77") });
});

test("a new Telegram id for the same pair is written again", () => {
  const existing = link({ telegramId: "999" });
  expect(decideLink({ byClient: existing, byEmail: existing }, request)).toEqual({ kind: "proceed" });
});
