import { expect, test } from "vitest";
import { RETRY_WINDOW_MS, retryDelaySeconds, withinRetryWindow } from "./retry-schedule";

test("delays double with jitter between half and the whole, capped at 30 minutes", () => {
  expect(retryDelaySeconds(0, () => 1)).toBe(15);
  expect(retryDelaySeconds(0, () => 0)).toBe(8);
  expect(retryDelaySeconds(3, () => 1)).toBe(120);
  expect(retryDelaySeconds(20, () => 1)).toBe(1800);
});

test("retries stop 24 hours after the first attempt", () => {
  const first = new Date("2026-01-01T00:00:00Z");
  expect(withinRetryWindow(first, new Date(first.getTime() + RETRY_WINDOW_MS - 1))).toBe(true);
  expect(withinRetryWindow(first, new Date(first.getTime() + RETRY_WINDOW_MS))).toBe(false);
});
