import { createHash } from "node:crypto";
import pg from "pg";
import { RateLimiterPostgres, type RateLimiterRes } from "rate-limiter-flexible";
import { envValue } from "@/lib/env";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Rate limits and counters on rate-limiter-flexible's PostgreSQL store, in the `rate_limits`
 * table (created by a Prisma migration, so the library is told `tableCreated`). Counts live in
 * the database, so every hub instance on it sees the same limits, and a restart forgets nothing.
 * Each limiter's keys are prefixed with its name, so all of them share the one table.
 */

const TABLE = "rate_limits";
const HOUR_MS = 60 * 60 * 1000;

/**
 * The library speaks node-postgres; Prisma's own pool is not reachable through its client, so the
 * limiters have a small pool of their own (created on first use, after tests point DATABASE_URL at
 * their database; idle connections let the process exit), one per process (lib/process-singleton.ts).
 */
function limiterPool(): pg.Pool {
  return processSingleton("rate-limit-pool", () => {
    const connectionString = envValue("DATABASE_URL");
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the hub with `npm start` or `npm run dev`.");
    const pool = new pg.Pool({ connectionString, max: 4, allowExitOnIdle: true });
    // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    return pool;
  });
}

/**
 * Keys hold what visitors send (e-mails, addresses); a long one is stored as its hash, so no
 * input can outgrow the primary key's index (about 2.7 kB a row), and so is one with a NUL,
 * which PostgreSQL text cannot hold.
 */
export function boundedKey(key: string): string {
  return key.length <= 200 && !key.includes("\0") ? key : `sha256:${createHash("sha256").update(key).digest("hex")}`;
}

export type StoreLimiterOptions = {
  /** Key prefix: a limiter's keys are `<name>:<key>`. */
  name: string;
  /** Points allowed per window (the library's `points`). */
  points: number;
  windowMs: number;
  /**
   * `fixed` (the library's own): the window starts at the first point and ends `windowMs` later.
   * `idle`: every point pushes the end to `windowMs` from now, so the count is forgotten only
   * after `windowMs` without points (the sign-in throttle's "forget after an hour of quiet").
   */
  window?: "fixed" | "idle";
};

type PostgresInternals = {
  _query(query: { name: string; text: string; values: unknown[] }): Promise<unknown>;
  _getTableIdentifier(): string;
};

/**
 * The store with an idle window: the same single upsert as the library's, except that a point
 * always moves the expiry forward. The library's store contract (`_upsert` resolving to the
 * `RETURNING points, expire` result) is what this relies on; rate-limit.int.test.ts fails if a
 * version changes it.
 */
class IdleWindowPostgres extends RateLimiterPostgres {
  _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<unknown> {
    const self = this as unknown as PostgresInternals;
    if (forceExpire || msDuration <= 0) {
      return (RateLimiterPostgres.prototype as unknown as { _upsert: IdleWindowPostgres["_upsert"] })._upsert.call(
        this,
        key,
        points,
        msDuration,
        forceExpire,
      );
    }
    const table = self._getTableIdentifier();
    const now = Date.now();
    return self._query({
      name: "hub-upsert-idle",
      text: `
        INSERT INTO ${table} VALUES ($1, $2, $3)
          ON CONFLICT(key) DO UPDATE SET
            points = CASE WHEN ${table}.expire <= $4 THEN $2 ELSE ${table}.points + ($2) END,
            expire = $3
        RETURNING points, expire;`,
      values: [key, points, now + msDuration, now],
    });
  }
}

export function createStoreLimiter({
  name,
  points,
  windowMs,
  window = "fixed",
}: StoreLimiterOptions): RateLimiterPostgres {
  const Store = window === "idle" ? IdleWindowPostgres : RateLimiterPostgres;
  return new Store({
    storeClient: limiterPool(),
    storeType: "pool",
    tableName: TABLE,
    tableCreated: true,
    // Swept by sweepRateLimits instead: one statement now and then, not a timer per limiter.
    clearExpiredByTimeout: false,
    keyPrefix: name,
    points,
    duration: windowMs / 1000,
  });
}

/** Deletes rows that expired over an hour ago; callers run it now and then. */
export async function sweepRateLimits(): Promise<void> {
  await limiterPool().query(`DELETE FROM ${TABLE} WHERE expire < $1`, [Date.now() - HOUR_MS]);
}

export type RateLimitDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterMs: number };

export type RateLimiter = {
  /** Whether a hit would be allowed now, without counting it. */
  check(key: string): Promise<RateLimitDecision>;
  /** Counts a hit if allowed; a refused hit is not counted, so waiting always helps. */
  hit(key: string): Promise<RateLimitDecision>;
};

export type RateLimiterOptions = { name: string; limit: number; windowMs: number };

function decide(state: RateLimiterRes | null, limit: number): RateLimitDecision {
  const used = state?.consumedPoints ?? 0;
  if (used < limit) return { allowed: true, remaining: limit - used };
  return { allowed: false, retryAfterMs: Math.max(1, state?.msBeforeNext ?? 1) };
}

/** At most `limit` hits per key within a window of `windowMs` that starts at the key's first hit. */
export function createRateLimiter({ name, limit, windowMs }: RateLimiterOptions): RateLimiter {
  const store = createStoreLimiter({ name, points: limit, windowMs });
  return {
    async check(key) {
      return decide(await store.get(boundedKey(key)), limit);
    },
    async hit(original) {
      const key = boundedKey(original);
      try {
        const after = await store.consume(key);
        return { allowed: true, remaining: after.remainingPoints };
      } catch (refusal) {
        if (refusal instanceof Error) throw refusal;
        // Over the limit: the point is given back, so a refused hit is not counted.
        await store.reward(key, 1);
        return decide(refusal as RateLimiterRes, limit);
      }
    },
  };
}

/**
 * Counts one hit on every (limiter, key) pair, or none when any of them is exhausted, so a
 * request refused by one limit does not use up the others.
 */
export async function hitAll(entries: ReadonlyArray<readonly [RateLimiter, string]>): Promise<RateLimitDecision> {
  let retryAfterMs = 0;
  for (const decision of await Promise.all(entries.map(([limiter, key]) => limiter.check(key)))) {
    if (!decision.allowed) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
  }
  if (retryAfterMs > 0) return { allowed: false, retryAfterMs };
  let remaining = Number.POSITIVE_INFINITY;
  for (const decision of await Promise.all(entries.map(([limiter, key]) => limiter.hit(key)))) {
    if (!decision.allowed) retryAfterMs = Math.max(retryAfterMs, decision.retryAfterMs);
    else remaining = Math.min(remaining, decision.remaining);
  }
  return retryAfterMs > 0 ? { allowed: false, retryAfterMs } : { allowed: true, remaining };
}
