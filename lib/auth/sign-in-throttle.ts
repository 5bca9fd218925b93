import type { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { boundedKey, createStoreLimiter, sweepRateLimits } from "@/lib/rate-limit";

/**
 * Slows down password guessing without letting a guesser lock the real user out. Counted in
 * PostgreSQL through rate-limiter-flexible (table rate_limits, lib/rate-limit.ts), so the limits
 * hold across instances and restarts.
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
  /** The first wait; each further failure doubles it, up to `maxLockMs` (and `forgetAfterMs`). */
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
  return { pair: boundedKey(`${e}|${ip}`), ip: boundedKey(ip), email: boundedKey(e), known: boundedKey(`${e}|${ip}`) };
}

const KINDS: readonly ThrottleKind[] = ["pair", "ip", "email"];

export function createSignInThrottle(options: { rules?: Record<ThrottleKind, ThrottleRule> } = {}): SignInThrottle {
  const rules = options.rules ?? DEFAULT_RULES;
  // Failures are forgotten after `forgetAfterMs` without one: an idle window, so each row's
  // expiry is its last failure + forgetAfterMs, and the lock is read from the same row (below).
  const failures = Object.fromEntries(
    KINDS.map((kind) => [
      kind,
      createStoreLimiter({
        name: `sign_in_${kind}`,
        points: rules[kind].maxFailures,
        windowMs: rules[kind].forgetAfterMs,
        window: "idle",
      }),
    ]),
  ) as Record<ThrottleKind, RateLimiterPostgres>;
  const known = createStoreLimiter({ name: "sign_in_known", points: 1, windowMs: KNOWN_FOR_MS });

  /**
   * The wait a counter holds: `baseLockMs` after `maxFailures`, doubled by each further failure,
   * from the last failure on. Count and last failure come from one row, written by one upsert, so
   * failures counted at once by two instances lock as long as the last of them says.
   */
  function waitOf(kind: ThrottleKind, state: RateLimiterRes | null): number {
    const rule = rules[kind];
    if (!state || state.consumedPoints < rule.maxFailures) return 0;
    const lockMs = Math.min(
      rule.maxLockMs,
      rule.forgetAfterMs,
      rule.baseLockMs * 2 ** Math.min(30, state.consumedPoints - rule.maxFailures),
    );
    const sinceLastFailure = rule.forgetAfterMs - state.msBeforeNext;
    return Math.max(0, lockMs - sinceLastFailure);
  }

  async function decide(subject: SignInSubject): Promise<ThrottleDecision> {
    const keys = keysOf(subject);
    const [pair, ip, email, isKnown] = await Promise.all([
      failures.pair.get(keys.pair),
      failures.ip.get(keys.ip),
      failures.email.get(keys.email),
      known.get(keys.known),
    ]);
    // The per-e-mail wait does not apply where this e-mail has signed in before.
    const retryAfterMs = Math.max(waitOf("pair", pair), waitOf("ip", ip), isKnown ? 0 : waitOf("email", email));
    return retryAfterMs > 0 ? { locked: true, retryAfterMs } : { locked: false };
  }

  return {
    check: (subject) => decide(subject),
    async fail(subject) {
      const keys = keysOf(subject);
      // One atomic upsert per counter, so two instances counting the same key at once both count.
      await Promise.all(KINDS.map((kind) => failures[kind].penalty(keys[kind], 1)));
      // Now and then, not on every failure: rows expired long ago go.
      if (Math.random() < 0.02) await sweepRateLimits();
      return decide(subject);
    },
    async succeed(subject) {
      const keys = keysOf(subject);
      await Promise.all([failures.pair.delete(keys.pair), known.set(keys.known, 1, KNOWN_FOR_MS / 1000)]);
    },
  };
}

let shared: SignInThrottle | undefined;

/** The shared throttle (its state is in PostgreSQL; this object holds only the rules). */
export function signInThrottle(): SignInThrottle {
  shared ??= createSignInThrottle();
  return shared;
}
