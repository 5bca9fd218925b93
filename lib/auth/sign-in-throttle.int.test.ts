import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { createSignInThrottle } from "./sign-in-throttle";

// Issue 13.4: five wrong passwords locked an e-mail for everyone (anyone could keep the admin
// out), and the lock lived in one process's memory. Now: per e-mail and address, growing waits,
// in PostgreSQL.

const MINUTE = 60_000;

function clock() {
  let at = Date.UTC(2026, 0, 10, 12);
  return { now: () => at, advance: (ms: number) => (at += ms) };
}

test("a guesser's address waits longer after each further failure, and waiting helps", async () => {
  const time = clock();
  const throttle = createSignInThrottle({ now: time.now });
  const guesser = { email: "victim@x.ru", ip: "198.51.100.66" };
  for (let i = 0; i < 4; i++) expect(await throttle.fail(guesser)).toEqual({ locked: false });
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: MINUTE });
  time.advance(MINUTE);
  expect(await throttle.check(guesser)).toEqual({ locked: false });
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: 2 * MINUTE });
  time.advance(2 * MINUTE);
  expect(await throttle.fail(guesser)).toEqual({ locked: true, retryAfterMs: 4 * MINUTE });
});

test("the real user, from their own address, is never locked out by someone else's failures", async () => {
  const time = clock();
  const throttle = createSignInThrottle({ now: time.now });
  const user = { email: "admin@x.ru", ip: "203.0.113.10" };
  await throttle.succeed(user); // they have signed in from here before
  // A guesser with many addresses: enough failures to trip the per-e-mail limit too.
  for (let i = 0; i < 40; i++) await throttle.fail({ email: "ADMIN@x.ru", ip: `198.51.100.${i}` });
  expect(await throttle.check(user)).toEqual({ locked: false });
  // A fresh address of the guesser's is slowed by the per-e-mail limit.
  expect(await throttle.check({ email: "admin@x.ru", ip: "198.51.100.200" })).toMatchObject({ locked: true });
});

test("the counts are shared by every instance (two throttles, one database)", async () => {
  const time = clock();
  const a = createSignInThrottle({ now: time.now });
  const b = createSignInThrottle({ now: time.now });
  const guesser = { email: "shared@x.ru", ip: "198.51.100.77" };
  for (let i = 0; i < 4; i++) await (i % 2 ? a : b).fail(guesser);
  expect(await a.fail(guesser)).toMatchObject({ locked: true });
  expect(await b.check(guesser)).toMatchObject({ locked: true });
  expect(await db.signInThrottle.count({ where: { key: { startsWith: "pair:shared@x.ru|" } } })).toBe(1);
});

test("concurrent failures all count", async () => {
  const time = clock();
  const throttle = createSignInThrottle({ now: time.now });
  const guesser = { email: "race@x.ru", ip: "198.51.100.88" };
  await Promise.all(Array.from({ length: 10 }, () => throttle.fail(guesser)));
  const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: "pair:race@x.ru|198.51.100.88" } });
  expect(row.failures).toBe(10);
});

test("failures long ago are forgotten", async () => {
  const time = clock();
  const throttle = createSignInThrottle({ now: time.now });
  const guesser = { email: "old@x.ru", ip: "198.51.100.99" };
  for (let i = 0; i < 4; i++) await throttle.fail(guesser);
  time.advance(2 * 60 * MINUTE);
  expect(await throttle.fail(guesser)).toEqual({ locked: false });
});
