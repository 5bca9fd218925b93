import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { fakeDateEachTest } from "@/lib/testing/fake-date";
import { createSignInThrottle } from "./sign-in-throttle";

// Issue 13.4: five wrong passwords locked an e-mail for everyone (anyone could keep the admin
// out), and the lock lived in one process's memory. Now: per e-mail and address, growing waits,
// in PostgreSQL (rate-limiter-flexible's store, which reads the clock through Date).

const MINUTE = 60_000;

const advance = fakeDateEachTest();

test("a guesser's address waits longer after each further failure, and waiting helps", async () => {
  const throttle = createSignInThrottle();
  const guesser = { email: "victim@x.ru", ip: "198.51.100.66" };
  for (let i = 0; i < 4; i++) expect(await throttle.fail(guesser)).toEqual({ locked: false });
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: MINUTE });
  advance(MINUTE);
  expect(await throttle.check(guesser)).toEqual({ locked: false });
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: 2 * MINUTE });
  advance(2 * MINUTE);
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: 4 * MINUTE });
});

test("the real user, from their own address, is never locked out by someone else's failures", async () => {
  const throttle = createSignInThrottle();
  const user = { email: "admin@x.ru", ip: "203.0.113.10" };
  await throttle.succeed(user); // they have signed in from here before
  // A guesser with many addresses: enough failures to trip the per-e-mail limit too.
  for (let i = 0; i < 40; i++) await throttle.fail({ email: "ADMIN@x.ru", ip: `198.51.100.${i}` });
  expect(await throttle.check(user)).toEqual({ locked: false });
  // A fresh address of the guesser's is slowed by the per-e-mail limit.
  expect(await throttle.check({ email: "admin@x.ru", ip: "198.51.100.200" })).toMatchObject({ locked: true });
});

test("the counts are shared by every instance (two throttles, one database)", async () => {
  const a = createSignInThrottle();
  const b = createSignInThrottle();
  const guesser = { email: "shared@x.ru", ip: "198.51.100.77" };
  for (let i = 0; i < 4; i++) await (i % 2 ? a : b).fail(guesser);
  expect(await a.fail(guesser)).toMatchObject({ locked: true });
  expect(await b.check(guesser)).toMatchObject({ locked: true });
  expect(await db.rateLimit.count({ where: { key: { startsWith: "sign_in_pair:shared@x.ru|" } } })).toBe(1);
});

test("concurrent failures all count: ten at once lock as long as the tenth failure does", async () => {
  const throttle = createSignInThrottle();
  const guesser = { email: "race@x.ru", ip: "198.51.100.88" };
  await Promise.all(Array.from({ length: 10 }, () => throttle.fail(guesser)));
  expect(
    await db.rateLimit.findUniqueOrThrow({ where: { key: "sign_in_pair:race@x.ru|198.51.100.88" } }),
  ).toMatchObject({ points: 10 });
  // 1 minute after the fifth failure, doubled five times.
  expect(await throttle.check(guesser)).toEqual({ locked: true, retryAfterMs: 32 * MINUTE });
});

test("failures long ago are forgotten; failures under an hour apart keep counting", async () => {
  const throttle = createSignInThrottle();
  const guesser = { email: "old@x.ru", ip: "198.51.100.99" };
  for (let i = 0; i < 4; i++) await throttle.fail(guesser);
  advance(2 * 60 * MINUTE);
  expect(await throttle.fail(guesser)).toEqual({ locked: false });
  // A slow guesser: one failure every 50 minutes is never quiet for an hour, so the count grows.
  const slow = { email: "slow@x.ru", ip: "198.51.100.98" };
  for (let i = 0; i < 4; i++) {
    expect(await throttle.fail(slow)).toEqual({ locked: false });
    advance(50 * MINUTE);
  }
  expect(await throttle.fail(slow)).toEqual({ locked: true, retryAfterMs: MINUTE });
});

test("a correct password clears the pair's count and lock", async () => {
  const throttle = createSignInThrottle();
  const user = { email: "typo@x.ru", ip: "203.0.113.20" };
  for (let i = 0; i < 4; i++) await throttle.fail(user);
  await throttle.succeed(user);
  expect(await throttle.fail(user)).toEqual({ locked: false });
});

test("a key of any length is counted (long ones stored as a hash)", async () => {
  const throttle = createSignInThrottle();
  const guesser = { email: `${"x".repeat(5_000)}@x.ru`, ip: "198.51.100.55" };
  for (let i = 0; i < 4; i++) await throttle.fail(guesser);
  expect(await throttle.fail(guesser)).toMatchObject({ locked: true });
});
