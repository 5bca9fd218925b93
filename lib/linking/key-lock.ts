import { randomUUID } from "node:crypto";
import pg, { escapeLiteral } from "pg";
import { dbPool } from "@/lib/db";

/**
 * Mutual exclusion by key across everything that links: requests for the same Salebot client or
 * e-mail run one after another, so a duplicate finds the finished link instead of calling
 * GetCourse again. The lock is a lease row in PostgreSQL (`link_key_leases`), so it holds between
 * instances and between the copies of lib/ in one process (a bot's call on the lean node:http
 * path and a /connect form served by Next), and no connection is held while the link runs.
 */

/**
 * How long a lease stands unless renewed: what a killed process's customers wait at most. A
 * holder renews it every RENEW_MS while its link runs (GetCourse alone may take 9 s), so only a
 * holder that stopped renewing (killed, or cut off from the database) loses it.
 */
export const LEASE_SECONDS = 10;
const RENEW_MS = 3_000;
const POLL_FIRST_MS = 10;
const POLL_MAX_MS = 250;

/** Where leases live: the hub's pool, or another pool in the tests (two instances on one database). */
export type LeaseStore = Pick<pg.Pool, "query">;

const leaseUntil = `(now() AT TIME ZONE 'UTC') + make_interval(secs => ${LEASE_SECONDS})`;
const keyList = (keys: string[]) => `ARRAY[${keys.map(escapeLiteral).join(", ")}]::text[]`;

type Take = { taken: boolean; read: unknown[] };

/**
 * Takes every key or none: a partial take is given back at once, so two callers never hold halves.
 * `read` (a statement of literals) runs in the same round trip right after the take: as a
 * statement of its own it reads what a previous holder committed before giving the lease up.
 */
async function tryLease(store: LeaseStore, keys: string[], holder: string, read?: string): Promise<Take> {
  // Rows in key order, so two statements over the same keys never wait on each other crosswise;
  // an expired lease (its holder died) is taken over. Times in UTC, like every Prisma timestamp.
  // Literals (simple protocol): two statements go in one message; keys and holder are quoted.
  const take = `
    INSERT INTO link_key_leases (key, holder, expires_at)
    SELECT k, ${escapeLiteral(holder)}, ${leaseUntil}
    FROM unnest(${keyList(keys)}) AS k ORDER BY k
    ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
      WHERE link_key_leases.expires_at < (now() AT TIME ZONE 'UTC')
    RETURNING key`;
  const results: unknown = await store.query(read ? `${take};\n${read}` : take);
  const [taken, after] = (Array.isArray(results) ? results : [results]) as (pg.QueryResult | undefined)[];
  if (taken?.rowCount === keys.length) return { taken: true, read: after?.rows ?? [] };
  if ((taken?.rowCount ?? 0) > 0) await endLease(store, keys, holder);
  return { taken: false, read: [] };
}

async function renewLease(store: LeaseStore, keys: string[], holder: string): Promise<void> {
  await store.query(
    `UPDATE link_key_leases SET expires_at = ${leaseUntil} WHERE key = ANY($1::text[]) AND holder = $2`,
    [keys, holder],
  );
}

async function endLease(store: LeaseStore, keys: string[], holder: string): Promise<void> {
  await store.query("DELETE FROM link_key_leases WHERE key = ANY($1::text[]) AND holder = $2", [keys, holder]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The lease a caller holds. Its last write may delete the lease rows itself, in the same statement
 * (lib/linking/attempts.ts: one round trip fewer per link, and the next holder sees that write
 * with the lease gone); it then calls `givenUp`, and ending the lease writes nothing more.
 */
export type HeldLease = { read: unknown[]; keys: readonly string[]; holder: string; givenUp(): void };

type Lease = { end: () => Promise<void>; held: HeldLease };

/** Waits (polling, with backoff) until every key is leased to this caller; answers how to end the lease. */
async function takeLeases(store: LeaseStore, keys: string[], read?: string): Promise<Lease> {
  const holder = randomUUID();
  let take = await tryLease(store, keys, holder, read);
  for (let wait = POLL_FIRST_MS; !take.taken; wait = Math.min(wait * 2, POLL_MAX_MS)) {
    await sleep(wait);
    take = await tryLease(store, keys, holder, read);
  }
  // Most links end before the first renewal; a failed one is tried again at the next tick.
  const renewal = setInterval(() => void renewLease(store, keys, holder).catch(() => {}), RENEW_MS);
  renewal.unref();
  let given = false;
  // A failed delete leaves the lease to expire; the next caller then waits at most LEASE_SECONDS.
  const end = () => {
    clearInterval(renewal);
    return given ? Promise.resolve() : track(endLease(store, keys, holder).catch(() => {}));
  };
  return { end, held: { read: take.read, keys, holder, givenUp: () => void (given = true) } };
}

const leaseEnds = new Set<Promise<void>>();

function track(ending: Promise<void>): Promise<void> {
  leaseEnds.add(ending);
  void ending.finally(() => leaseEnds.delete(ending));
  return ending;
}

/** Resolves once every lease this copy ended is deleted (tests, shutdown): the caller never waits for that write. */
export async function settleKeyLeases(): Promise<void> {
  await Promise.all([...leaseEnds]);
}

/** Runs `work` holding the leases on `keys` through `store` (the integration tests use two pools). */
export async function withKeyLeases<T>(store: LeaseStore, keys: string[], work: () => Promise<T>): Promise<T> {
  const { end } = await takeLeases(store, [...new Set(keys)].sort());
  try {
    return await work();
  } finally {
    void end();
  }
}

// Callers for the same key in this copy of lib/ queue here first, so duplicates wait on a promise
// rather than polling the database. Per copy on purpose: the lease is what excludes.
const tails = new Map<string, Promise<void>>();

async function queueLocally(key: string): Promise<() => void> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const current = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => current);
  tails.set(key, tail);
  await previous;
  return () => {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  };
}

/**
 * Holds every key (in a fixed order, so two callers never wait on each other crosswise). `read`, a
 * statement of literals, runs once the keys are held, in the same round trip; `work` gets its
 * rows with the lease.
 */
export async function withKeyLocks<T>(
  keys: string[],
  work: (lease: HeldLease) => Promise<T>,
  read?: string,
): Promise<T> {
  const unique = [...new Set(keys)].sort();
  const releases: (() => void)[] = [];
  let end: (() => Promise<void>) | undefined;
  try {
    for (const key of unique) releases.push(await queueLocally(key));
    const lease = await takeLeases(dbPool(), unique, read);
    end = lease.end;
    return await work(lease.held);
  } finally {
    // The next local waiter starts once the lease is deleted, so it does not find it still held.
    void (end?.() ?? Promise.resolve()).then(() => {
      for (const release of releases.reverse()) release();
    });
  }
}
