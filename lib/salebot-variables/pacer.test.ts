import { expect, test } from "vitest";
import { Pacer } from "./pacer";

function fakeClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

test("starts are spaced 1/perSecond apart, even when requested together", async () => {
  const clock = fakeClock();
  const pacer = new Pacer(5, clock);
  const starts: number[] = [];
  for (let i = 0; i < 11; i++) {
    await pacer.wait();
    starts.push(clock.now());
  }
  expect(starts).toEqual([0, 200, 400, 600, 800, 1000, 1200, 1400, 1600, 1800, 2000]);
  // Any window of one second holds at most 5 starts.
  for (let i = 0; i + 5 < starts.length; i++)
    expect((starts[i + 5] ?? 0) - (starts[i] ?? 0)).toBeGreaterThanOrEqual(1000);
});

test("an idle pacer lets the next call start at once", async () => {
  const clock = fakeClock();
  const pacer = new Pacer(2, clock);
  await pacer.wait();
  await clock.sleep(5_000);
  const before = clock.now();
  await pacer.wait();
  expect(clock.now()).toBe(before);
});

test("a late wake-up pushes the next slot back instead of bunching the calls", async () => {
  let now = 0;
  let overshoot = 50;
  const clock = { now: () => now, sleep: async (ms: number) => void ((now += ms + overshoot), (overshoot = 0)) };
  const pacer = new Pacer(5, clock);
  const starts: number[] = [];
  for (let i = 0; i < 3; i++) {
    await pacer.wait();
    starts.push(now);
  }
  expect(starts).toEqual([0, 250, 450]);
});
