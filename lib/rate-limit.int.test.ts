import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { fakeDateEachTest } from "@/lib/testing/fake-date";
import { createRateLimiter, createStoreLimiter, hitAll } from "./rate-limit";

// The form limits and the sign-in counters are rate-limiter-flexible's PostgreSQL store; these
// pin down what the hub relies on from it, against the real database.

const advance = fakeDateEachTest();
const unique = () => `t_${randomUUID().slice(0, 8)}`;

test("allows up to the limit within the window, then refuses with the time to wait", async () => {
  const limiter = createRateLimiter({ name: unique(), limit: 3, windowMs: 60_000 });
  expect(await limiter.hit("a")).toEqual({ allowed: true, remaining: 2 });
  advance(10_000);
  expect(await limiter.hit("a")).toEqual({ allowed: true, remaining: 1 });
  expect(await limiter.hit("a")).toEqual({ allowed: true, remaining: 0 });
  expect(await limiter.hit("a")).toEqual({ allowed: false, retryAfterMs: 50_000 });
});

test("the window starts at a key's first hit and frees it whole at its end", async () => {
  const limiter = createRateLimiter({ name: unique(), limit: 2, windowMs: 60_000 });
  await limiter.hit("a");
  advance(30_000);
  await limiter.hit("a");
  advance(29_999);
  expect((await limiter.hit("a")).allowed).toBe(false);
  advance(1);
  expect(await limiter.hit("a")).toEqual({ allowed: true, remaining: 1 });
});

test("refused hits are not counted, check does not count, and keys are independent", async () => {
  const limiter = createRateLimiter({ name: unique(), limit: 1, windowMs: 1_000 });
  expect(await limiter.check("a")).toEqual({ allowed: true, remaining: 1 });
  await limiter.hit("a");
  for (let i = 0; i < 10; i++) expect((await limiter.hit("a")).allowed).toBe(false);
  expect((await limiter.hit("b")).allowed).toBe(true);
  advance(1_000);
  expect((await limiter.hit("a")).allowed).toBe(true);
});

test("hitAll counts on every limiter or on none", async () => {
  const perIp = createRateLimiter({ name: unique(), limit: 3, windowMs: 60_000 });
  const perLink = createRateLimiter({ name: unique(), limit: 1, windowMs: 60_000 });
  expect(
    await hitAll([
      [perIp, "ip"],
      [perLink, "link-1"],
    ]),
  ).toEqual({ allowed: true, remaining: 0 });
  advance(5_000);
  expect(
    await hitAll([
      [perIp, "ip"],
      [perLink, "link-1"],
    ]),
  ).toEqual({ allowed: false, retryAfterMs: 55_000 });
  // The refused request above did not use up the IP's allowance.
  expect(await perIp.check("ip")).toEqual({ allowed: true, remaining: 2 });
  expect(
    (
      await hitAll([
        [perIp, "ip"],
        [perLink, "link-2"],
      ])
    ).allowed,
  ).toBe(true);
});

test("two instances of a limiter on one database (two hubs) share the limit, also when hit at once", async () => {
  const name = unique();
  const [first, second] = [
    createRateLimiter({ name, limit: 10, windowMs: 60_000 }),
    createRateLimiter({ name, limit: 10, windowMs: 60_000 }),
  ];
  const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? first : second).hit("k")));
  expect(answers.filter((answer) => answer.allowed)).toHaveLength(10);
  expect((await first.check("k")).allowed).toBe(false);
  expect((await second.check("k")).allowed).toBe(false);
});

test("an idle window (the sign-in counters') moves with every point and forgets after a quiet window", async () => {
  // Relies on the library's store contract that IdleWindowPostgres overrides: a version that
  // changes it fails here.
  const counter = createStoreLimiter({ name: unique(), points: 100, windowMs: 60_000, window: "idle" });
  for (let i = 1; i <= 5; i++) {
    expect((await counter.penalty("k", 1)).consumedPoints).toBe(i);
    advance(50_000);
  }
  advance(10_000);
  expect(await counter.get("k")).toBeNull();
  expect((await counter.penalty("k", 1)).consumedPoints).toBe(1);
  // The library's own window does not move.
  const fixed = createStoreLimiter({ name: unique(), points: 100, windowMs: 60_000 });
  await fixed.penalty("k", 1);
  advance(50_000);
  await fixed.penalty("k", 1);
  advance(10_000);
  expect(await fixed.get("k")).toBeNull();
});

test("any key is counted: a long one, or one with a NUL (stored as hashes)", async () => {
  const limiter = createRateLimiter({ name: unique(), limit: 1, windowMs: 60_000 });
  for (const key of ["x".repeat(10_000), "ip:\0evil", "ip:\ud800"]) {
    expect((await limiter.hit(key)).allowed, key.slice(0, 12)).toBe(true);
    expect((await limiter.hit(key)).allowed, key.slice(0, 12)).toBe(false);
  }
});
