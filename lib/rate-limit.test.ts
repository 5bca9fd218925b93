import { expect, test } from "vitest";
import { createRateLimiter, hitAll } from "./rate-limit";

function fakeClock(start = 1_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => void (time += ms) };
}

test("allows up to the limit within the window, then refuses with the time to wait", () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: clock.now });
  expect(limiter.hit("a")).toEqual({ allowed: true, remaining: 2 });
  clock.advance(10_000);
  expect(limiter.hit("a")).toEqual({ allowed: true, remaining: 1 });
  expect(limiter.hit("a")).toEqual({ allowed: true, remaining: 0 });
  expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterMs: 50_000 });
});

test("the window slides: each hit frees its slot a window after it was made", () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ limit: 2, windowMs: 60_000, now: clock.now });
  limiter.hit("a");
  clock.advance(30_000);
  limiter.hit("a");
  clock.advance(29_999);
  expect(limiter.hit("a").allowed).toBe(false);
  clock.advance(1);
  expect(limiter.hit("a")).toEqual({ allowed: true, remaining: 0 });
  expect(limiter.hit("a")).toEqual({ allowed: false, retryAfterMs: 30_000 });
});

test("refused hits are not counted, and keys are independent", () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: clock.now });
  limiter.hit("a");
  for (let i = 0; i < 10; i++) expect(limiter.hit("a").allowed).toBe(false);
  expect(limiter.hit("b").allowed).toBe(true);
  clock.advance(1_000);
  expect(limiter.hit("a").allowed).toBe(true);
});

test("check does not count", () => {
  const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: fakeClock().now });
  expect(limiter.check("a")).toEqual({ allowed: true, remaining: 1 });
  expect(limiter.check("a")).toEqual({ allowed: true, remaining: 1 });
  limiter.hit("a");
  expect(limiter.check("a").allowed).toBe(false);
  limiter.reset();
  expect(limiter.check("a").allowed).toBe(true);
});

test("memory stays bounded: past maxKeys the oldest keys are forgotten", () => {
  const clock = fakeClock();
  const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: clock.now, maxKeys: 3 });
  for (const key of ["a", "b", "c", "d"]) limiter.hit(key);
  expect(limiter.check("a").allowed).toBe(true);
  expect(limiter.check("d").allowed).toBe(false);
  expect(limiter.check("c").allowed).toBe(false);
});

test("hitAll counts on every limiter or on none", () => {
  const clock = fakeClock();
  const perIp = createRateLimiter({ limit: 3, windowMs: 60_000, now: clock.now });
  const perLink = createRateLimiter({ limit: 1, windowMs: 60_000, now: clock.now });
  expect(hitAll([[perIp, "ip"], [perLink, "link-1"]])).toEqual({ allowed: true, remaining: 0 });
  clock.advance(5_000);
  expect(hitAll([[perIp, "ip"], [perLink, "link-1"]])).toEqual({ allowed: false, retryAfterMs: 55_000 });
  // The refused request above did not use up the IP's allowance.
  expect(perIp.check("ip")).toEqual({ allowed: true, remaining: 2 });
  expect(hitAll([[perIp, "ip"], [perLink, "link-2"]]).allowed).toBe(true);
});
