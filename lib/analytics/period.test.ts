import { expect, test } from "vitest";
import { addDays, daysBetween, isCalendarDate, periodQuerySchema, resolvePeriod, todayIn } from "./period";

test("calendar dates", () => {
  expect(isCalendarDate("2024-02-29")).toBe(true);
  expect(isCalendarDate("2025-02-29")).toBe(false);
  expect(isCalendarDate("2025-13-01")).toBe(false);
  expect(isCalendarDate("2025-1-01")).toBe(false);
  expect(addDays("2026-03-31", 1)).toBe("2026-04-01");
  expect(daysBetween("2026-03-01", "2026-03-31")).toBe(30);
});

test("today is the school's date, not UTC's", () => {
  const lateEvening = new Date("2026-03-31T21:30:00Z"); // 00:30 on 1 April in Moscow
  expect(todayIn("Europe/Moscow", lateEvening)).toBe("2026-04-01");
  expect(todayIn("UTC", lateEvening)).toBe("2026-03-31");
});

test("missing ends default to 30 days", () => {
  const now = new Date("2026-03-31T12:00:00Z");
  expect(resolvePeriod({}, "Europe/Moscow", now)).toEqual({ from: "2026-03-02", to: "2026-03-31" });
  expect(resolvePeriod({ to: "2026-03-10" }, "Europe/Moscow", now)).toEqual({ from: "2026-02-09", to: "2026-03-10" });
  expect(resolvePeriod({ from: "2026-03-10" }, "Europe/Moscow", now)).toEqual({ from: "2026-03-10", to: "2026-04-08" });
});

test("the query schema rejects a reversed or too long period", () => {
  expect(periodQuerySchema.safeParse({ from: "2026-03-01", to: "2026-03-01" }).success).toBe(true);
  expect(periodQuerySchema.safeParse({ from: "2026-03-02", to: "2026-03-01" }).success).toBe(false);
  expect(periodQuerySchema.safeParse({ from: "2000-01-01", to: "2026-03-01" }).success).toBe(false);
});
