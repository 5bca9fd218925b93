import { describe, expect, test } from "vitest";
import { parseServerTiming, serverTiming, timeUpstream, UpstreamTimer, withUpstreamTimer } from "./upstream-timing";

/** A clock the test moves by hand, so the sums are exact. */
function manualClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("UpstreamTimer", () => {
  test("sequential calls add up", () => {
    const clock = manualClock();
    const timer = new UpstreamTimer(clock.now);
    const first = timer.begin();
    clock.advance(50);
    first();
    clock.advance(10); // the hub's own work between calls does not count
    const second = timer.begin();
    clock.advance(30);
    second();
    expect(timer.totalMs).toBe(80);
    expect(timer.calls).toBe(2);
  });

  test("overlapping calls count the wall time once, not twice", () => {
    const clock = manualClock();
    const timer = new UpstreamTimer(clock.now);
    const a = timer.begin(); // a: 0..50
    clock.advance(20);
    const b = timer.begin(); // b: 20..70
    clock.advance(30);
    a();
    clock.advance(20);
    b();
    expect(timer.totalMs).toBe(70);
  });

  test("a call nested entirely inside another adds nothing; ending twice is harmless", () => {
    const clock = manualClock();
    const timer = new UpstreamTimer(clock.now);
    const outer = timer.begin();
    clock.advance(10);
    const inner = timer.begin();
    clock.advance(10);
    inner();
    inner();
    clock.advance(10);
    outer();
    expect(timer.totalMs).toBe(30);
  });

  test("a call still in flight is counted up to now", () => {
    const clock = manualClock();
    const timer = new UpstreamTimer(clock.now);
    timer.begin();
    clock.advance(25);
    expect(timer.totalMs).toBe(25);
  });
});

describe("timeUpstream", () => {
  test("calls inside a request report to its timer, in parallel without double counting", async () => {
    const timer = new UpstreamTimer();
    await withUpstreamTimer(timer, async () => {
      await Promise.all([timeUpstream(() => sleep(40)), timeUpstream(() => sleep(40))]);
    });
    expect(timer.calls).toBe(2);
    expect(timer.totalMs).toBeGreaterThanOrEqual(35);
    expect(timer.totalMs).toBeLessThan(75);
  });

  test("concurrent requests keep separate timers", async () => {
    const slow = new UpstreamTimer();
    const idle = new UpstreamTimer();
    await Promise.all([
      withUpstreamTimer(slow, () => timeUpstream(() => sleep(30))),
      withUpstreamTimer(idle, () => sleep(30)),
    ]);
    expect(slow.calls).toBe(1);
    expect(idle.calls).toBe(0);
    expect(idle.totalMs).toBe(0);
  });

  test("outside a request the call just runs, and failures still end the call", async () => {
    await expect(timeUpstream(async () => 7)).resolves.toBe(7);
    const timer = new UpstreamTimer();
    await withUpstreamTimer(timer, () => timeUpstream(() => Promise.reject(new Error("down"))).catch(() => undefined));
    expect(timer.calls).toBe(1);
    const settled = timer.totalMs;
    await sleep(10);
    expect(timer.totalMs).toBe(settled);
  });
});

describe("Server-Timing", () => {
  test("writes and reads back both metrics", () => {
    const header = serverTiming(101.26, 104.9);
    expect(header).toBe("upstream;dur=101.3, app;dur=104.9");
    expect(parseServerTiming(header)).toEqual({ upstreamMs: 101.3, appMs: 104.9 });
    expect(parseServerTiming(null)).toEqual({});
    expect(parseServerTiming('cache;desc="x", upstream;dur=2')).toEqual({ upstreamMs: 2 });
  });
});
