/**
 * An in-memory sliding-window limiter: at most `limit` hits per key within any `windowMs`.
 * One process only; that is enough for the hub (one server) and keeps a restart a clean slate.
 */

export type Clock = () => number;

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

export type RateLimiter = {
  /** Whether a hit would be allowed now, without counting it. */
  check(key: string): RateLimitDecision;
  /** Counts a hit if allowed; a refused hit is not counted, so waiting always helps. */
  hit(key: string): RateLimitDecision;
  reset(): void;
};

export type RateLimiterOptions = {
  limit: number;
  windowMs: number;
  now?: Clock;
  /** Bounds memory against someone inventing keys (forged IP headers); the oldest keys go first. */
  maxKeys?: number;
};

export function createRateLimiter({ limit, windowMs, now = Date.now, maxKeys = 10_000 }: RateLimiterOptions): RateLimiter {
  const hits = new Map<string, number[]>();

  function recent(key: string, at: number): number[] {
    const kept = (hits.get(key) ?? []).filter((time) => time > at - windowMs);
    if (kept.length === 0) hits.delete(key);
    else hits.set(key, kept);
    return kept;
  }

  function decide(times: number[], at: number): RateLimitDecision {
    if (times.length < limit) return { allowed: true, remaining: limit - times.length };
    const oldest = times[times.length - limit] ?? at;
    return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - at) };
  }

  function evictIfFull(at: number): void {
    if (hits.size < maxKeys) return;
    for (const key of hits.keys()) recent(key, at);
    // Map keeps insertion order, so the first keys are the least recently started windows.
    for (const key of hits.keys()) {
      if (hits.size < maxKeys) break;
      hits.delete(key);
    }
  }

  return {
    check(key) {
      const at = now();
      return decide(recent(key, at), at);
    },
    hit(key) {
      const at = now();
      const times = recent(key, at);
      const decision = decide(times, at);
      if (!decision.allowed) return decision;
      if (times.length === 0) evictIfFull(at);
      hits.set(key, [...times, at]);
      return { allowed: true, remaining: decision.remaining - 1 };
    },
    reset() {
      hits.clear();
    },
  };
}

/**
 * Counts one hit on every (limiter, key) pair, or none when any of them is exhausted, so a
 * request refused by one limit does not use up the others.
 */
export function hitAll(entries: ReadonlyArray<readonly [RateLimiter, string]>): RateLimitDecision {
  let retryAfterMs = 0;
  for (const [limiter, key] of entries) {
    const decision = limiter.check(key);
    if (!decision.allowed) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
  }
  if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
  let remaining = Number.POSITIVE_INFINITY;
  for (const [limiter, key] of entries) {
    const decision = limiter.hit(key);
    if (decision.allowed) remaining = Math.min(remaining, decision.remaining);
  }
  return { allowed: true, remaining };
}
