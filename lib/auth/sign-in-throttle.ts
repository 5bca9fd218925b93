import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * Slows down password guessing without letting a guesser lock the real user out. Counted in
 * PostgreSQL (table sign_in_throttle), so the limits hold across instances and restarts.
 *
 * - per e-mail *and* address: after a few wrong passwords that pair waits, longer after each
 *   further one. The guesser's own address is slowed; the user's is not.
 * - per address (any e-mail): spraying many accounts from one address waits the same way.
 * - per e-mail from everywhere (a guesser with many addresses): that wait applies only to
 *   addresses this e-mail has never signed in from, so the user's usual address still gets in.
 *
 * The address is the one lib/security/forwarded.ts resolved, which trusts X-Forwarded-For only
 * from the proxies TRUST_PROXY names, so changing that header picks no new address.
 */

export type ThrottleRule = {
  /** Wrong passwords before the first wait. */
  maxFailures: number;
  /** The first wait; each further failure doubles it, up to `maxLockMs`. */
  baseLockMs: number;
  maxLockMs: number;
  /** A key without failures for this long starts again from zero. */
  forgetAfterMs: number;
};

export type ThrottleKind = "pair" | "ip" | "email";

const MINUTE = 60_000;

export const DEFAULT_RULES: Record<ThrottleKind, ThrottleRule> = {
  pair: { maxFailures: 5, baseLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE },
  // Higher: several people may share one office address.
  ip: { maxFailures: 20, baseLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE },
  email: { maxFailures: 30, baseLockMs: MINUTE, maxLockMs: 60 * MINUTE, forgetAfterMs: 60 * MINUTE },
};

/** How long a successful sign-in makes an address "known" for its e-mail. */
const KNOWN_FOR_MS = 90 * 24 * 60 * MINUTE;

export type ThrottleDecision = { locked: false } | { locked: true; retryAfterMs: number };

export type SignInSubject = { email: string; ip: string };

export type SignInThrottle = {
  /** Whether this e-mail may be tried from this address now. */
  check(subject: SignInSubject): Promise<ThrottleDecision>;
  /** Counts a wrong password; returns the state after counting. */
  fail(subject: SignInSubject): Promise<ThrottleDecision>;
  /** A correct password: the pair starts afresh and the address becomes known for the e-mail. */
  succeed(subject: SignInSubject): Promise<void>;
};

function keysOf({ email, ip }: SignInSubject) {
  const e = email.trim().toLowerCase();
  return { pair: `pair:${e}|${ip}`, ip: `ip:${ip}`, email: `email:${e}`, known: `known:${e}|${ip}` };
}

type Row = { key: string; locked_until: Date | null };

/** A moment as the columns hold it (timestamp without time zone, UTC), whatever the session's zone. */
const utc = (ms: number) => Prisma.sql`(to_timestamp(${ms}::float8 / 1000) AT TIME ZONE 'UTC')`;

export function createSignInThrottle(options: { rules?: Record<ThrottleKind, ThrottleRule>; now?: () => number } = {}): SignInThrottle {
  const rules = options.rules ?? DEFAULT_RULES;
  const now = options.now ?? Date.now;

  async function decide(subject: SignInSubject, at: number): Promise<ThrottleDecision> {
    const keys = keysOf(subject);
    const rows = await db.$queryRaw<Row[]>`
      SELECT key, locked_until FROM sign_in_throttle
      WHERE key IN (${keys.pair}, ${keys.ip}, ${keys.email}, ${keys.known})`;
    const known = rows.some((row) => row.key === keys.known);
    let until = 0;
    for (const row of rows) {
      if (row.key === keys.known || !row.locked_until) continue;
      if (row.key === keys.email && known) continue;
      until = Math.max(until, row.locked_until.getTime());
    }
    return until > at ? { locked: true, retryAfterMs: until - at } : { locked: false };
  }

  async function count(key: string, rule: ThrottleRule, at: number): Promise<void> {
    const fresh = Prisma.sql`sign_in_throttle.last_failure_at < ${utc(at - rule.forgetAfterMs)}`;
    const failures = Prisma.sql`(CASE WHEN ${fresh} THEN 1 ELSE sign_in_throttle.failures + 1 END)`;
    const lockMs = (n: Prisma.Sql) =>
      Prisma.sql`LEAST(${rule.maxLockMs}::float8, ${rule.baseLockMs}::float8 * power(2, LEAST(30, ${n} - ${rule.maxFailures})))`;
    // One statement, so two instances counting the same key at once both count.
    await db.$executeRaw`
      INSERT INTO sign_in_throttle (key, failures, locked_until, last_failure_at)
      VALUES (${key}, 1, CASE WHEN 1 >= ${rule.maxFailures} THEN ${utc(at)} + ${lockMs(Prisma.sql`1`)} * interval '1 millisecond' END, ${utc(at)})
      ON CONFLICT (key) DO UPDATE SET
        failures = ${failures},
        locked_until = CASE WHEN ${failures} >= ${rule.maxFailures} THEN ${utc(at)} + ${lockMs(failures)} * interval '1 millisecond' ELSE sign_in_throttle.locked_until END,
        last_failure_at = ${utc(at)}`;
  }

  async function sweep(at: number): Promise<void> {
    // Now and then, not on every failure: old counters and long-unused known addresses go.
    if (Math.random() > 0.02) return;
    await db.$executeRaw`
      DELETE FROM sign_in_throttle
      WHERE (key NOT LIKE 'known:%' AND last_failure_at < ${utc(at - 24 * 60 * MINUTE)} AND (locked_until IS NULL OR locked_until < ${utc(at)}))
         OR (key LIKE 'known:%' AND last_failure_at < ${utc(at - KNOWN_FOR_MS)})`;
  }

  return {
    check: (subject) => decide(subject, now()),
    async fail(subject) {
      const at = now();
      const keys = keysOf(subject);
      await count(keys.pair, rules.pair, at);
      await count(keys.ip, rules.ip, at);
      await count(keys.email, rules.email, at);
      await sweep(at);
      return decide(subject, at);
    },
    async succeed(subject) {
      const at = now();
      const keys = keysOf(subject);
      await db.$transaction([
        db.$executeRaw`DELETE FROM sign_in_throttle WHERE key = ${keys.pair}`,
        db.$executeRaw`
          INSERT INTO sign_in_throttle (key, failures, locked_until, last_failure_at) VALUES (${keys.known}, 0, NULL, ${utc(at)})
          ON CONFLICT (key) DO UPDATE SET last_failure_at = ${utc(at)}`,
      ]);
    },
  };
}

/** The shared throttle (its state is in PostgreSQL; this object holds only the rules). */
export function signInThrottle(): SignInThrottle {
  const cache = globalThis as unknown as { hubSignInThrottle?: SignInThrottle };
  cache.hubSignInThrottle ??= createSignInThrottle();
  return cache.hubSignInThrottle;
}
