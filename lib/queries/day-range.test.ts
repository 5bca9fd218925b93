import { expect, test } from "vitest";
import { dayStart, withinDays } from "./day-range";

test("a school day starts at its local midnight; 'to' includes its whole day", () => {
  expect(dayStart("2026-03-01", "Europe/Moscow").toISOString()).toBe("2026-02-28T21:00:00.000Z");
  expect(withinDays({ from: "2026-03-01", to: "2026-03-31" }, "Europe/Moscow")).toEqual({
    gte: new Date("2026-02-28T21:00:00.000Z"),
    lt: new Date("2026-03-31T21:00:00.000Z"),
  });
  expect(withinDays({ to: "2026-12-31" }, "UTC")).toEqual({ lt: new Date("2027-01-01T00:00:00.000Z") });
  expect(withinDays({}, "UTC")).toBeUndefined();
});
