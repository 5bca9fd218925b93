import { afterEach, beforeEach, vi } from "vitest";

/**
 * A test file's clock for code that reads it through Date (rate-limiter-flexible's store does):
 * each test starts at `start`, timers stay real. Returns a function that moves the clock on.
 */
export function fakeDateEachTest(start = Date.UTC(2026, 0, 10, 12)): (ms: number) => void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return (ms) => vi.setSystemTime(Date.now() + ms);
}
