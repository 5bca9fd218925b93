import type pg from "pg";
import { getEnv } from "@/lib/env";
import {
  applyFunnelSql,
  applyPaymentSql,
  applyRevenueSql,
  insertFactsSql,
  insertRevenueSql,
  ownersSql,
  pairsSql,
  PRUNE_SQL,
  SAVE_OWNERS_SQL,
  type Scope,
} from "./facts-sql";
import { analyticsPool } from "./pool";

/**
 * Keeps the analytics rollup equal to what the source tables say. Triggers note changed clients,
 * links and orders in analytics_dirty; a refresh takes a batch of those notes, widens them to
 * every client whose numbers they can move, takes the clients' old contribution out of the daily
 * rollups, recomputes their facts from the source tables and adds the new contribution back.
 * A full rebuild (first use, or a changed time zone) computes everything from scratch.
 * Both run under one advisory lock, so they never interleave.
 */

/** pg_advisory_xact_lock key shared by the refresh and the rebuild ("analytics" on a keypad). */
const LOCK_KEY = 2_625_948_427;
const DEFAULT_BATCH = 5_000;

export type RefreshResult = { skipped: boolean; marks: number; clients: number; ms: number };

async function inTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await analyticsPool().connect();
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function computeFacts(client: pg.PoolClient, scope: Scope, timeZone: string): Promise<number> {
  await client.query(pairsSql(scope));
  await client.query(ownersSql(scope));
  const facts = await client.query(insertFactsSql(scope), [timeZone]);
  // After the facts: the owners carry a copy of their owner's facts.
  await client.query(SAVE_OWNERS_SQL);
  await client.query(insertRevenueSql(scope));
  await client.query("DROP TABLE analytics_pairs; DROP TABLE analytics_owners");
  return facts.rowCount ?? 0;
}

/** Recomputes the whole rollup; runs when it was never built or was built for another time zone. */
export async function rebuildAnalytics(options: { timeZone?: string; force?: boolean } = {}): Promise<RefreshResult> {
  const timeZone = options.timeZone ?? getEnv().TIME_ZONE;
  const started = performance.now();
  return inTransaction(async (client) => {
    await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    // Whoever held the lock before us may have just built it.
    if (!options.force && (await builtFor(client)) === timeZone)
      return { skipped: true, marks: 0, clients: 0, ms: performance.now() - started };
    // Notes taken before this point are covered by the rebuild; later ones stay for the next refresh.
    const marks = await client.query("DELETE FROM analytics_dirty");
    await client.query("SET LOCAL work_mem = '256MB'");
    await client.query(
      "TRUNCATE analytics_client_facts, analytics_client_revenue, analytics_order_owners, analytics_funnel_daily, analytics_revenue_daily, analytics_payment_daily",
    );
    const clients = await computeFacts(client, "all", timeZone);
    await client.query(applyFunnelSql("all", 1));
    await client.query(applyRevenueSql("all", 1));
    await client.query(applyPaymentSql("all", 1));
    await client.query(
      `INSERT INTO analytics_state (id, time_zone, built_at, refreshed_at) VALUES (1, $1, now(), now())
       ON CONFLICT (id) DO UPDATE SET time_zone = EXCLUDED.time_zone, built_at = now(), refreshed_at = now()`,
      [timeZone],
    );
    return { skipped: false, marks: marks.rowCount ?? 0, clients, ms: performance.now() - started };
  });
}

async function builtFor(client: pg.PoolClient | pg.Pool): Promise<string | null> {
  const { rows } = await client.query<{ time_zone: string }>("SELECT time_zone FROM analytics_state WHERE id = 1");
  return rows[0]?.time_zone ?? null;
}

/** The clients a batch of notes concerns: those noted, and every client linked to a noted GC user or e-mail. */
const WIDEN_SQL = `
INSERT INTO analytics_scope (project_id, client_id)
WITH direct AS (
  SELECT DISTINCT project_id, client_id FROM analytics_marked WHERE project_id IS NOT NULL AND client_id IS NOT NULL
),
people AS (
  SELECT gc_user_id, email FROM analytics_marked WHERE gc_user_id IS NOT NULL OR email IS NOT NULL
  UNION
  -- a noted client's first message can move who owns the orders shared with other linked clients
  SELECT l.gc_user_id, l.email FROM direct d JOIN links l ON l.project_id = d.project_id AND l.sb_client_id = d.client_id
)
SELECT project_id, client_id FROM direct
UNION SELECT l.project_id, l.sb_client_id FROM people p JOIN links l ON l.gc_user_id = p.gc_user_id
UNION SELECT l.project_id, l.sb_client_id FROM people p JOIN links l ON l.email = p.email`;

async function refreshBatch(batchSize: number, timeZone: string, wait: boolean): Promise<RefreshResult> {
  const started = performance.now();
  return inTransaction(async (client) => {
    if (wait) await client.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    else {
      const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_xact_lock($1) AS locked", [
        LOCK_KEY,
      ]);
      // Someone else is refreshing right now; their result is at most a moment old.
      if (!rows[0]?.locked) return { skipped: true, marks: 0, clients: 0, ms: performance.now() - started };
    }
    await client.query(
      `CREATE TEMP TABLE analytics_marked (project_id text, client_id text, gc_user_id text, email text) ON COMMIT DROP;
       CREATE TEMP TABLE analytics_scope (project_id text, client_id text, PRIMARY KEY (project_id, client_id)) ON COMMIT DROP`,
    );
    const marked = await client.query(
      `WITH taken AS (
         DELETE FROM analytics_dirty WHERE id IN (SELECT id FROM analytics_dirty ORDER BY id LIMIT $1)
         RETURNING project_id, client_id, gc_user_id, email
       )
       INSERT INTO analytics_marked SELECT * FROM taken`,
      [batchSize],
    );
    const marks = marked.rowCount ?? 0;
    if (marks === 0) return { skipped: false, marks: 0, clients: 0, ms: performance.now() - started };
    const scope = await client.query(WIDEN_SQL);
    await client.query(applyFunnelSql("scoped", -1));
    await client.query(applyRevenueSql("scoped", -1));
    await client.query(applyPaymentSql("scoped", -1));
    await client.query(
      `DELETE FROM analytics_client_revenue r USING analytics_scope s WHERE r.project_id = s.project_id AND r.client_id = s.client_id;
       DELETE FROM analytics_order_owners w USING analytics_scope s WHERE w.project_id = s.project_id AND w.client_id = s.client_id;
       DELETE FROM analytics_client_facts f USING analytics_scope s WHERE f.project_id = s.project_id AND f.client_id = s.client_id`,
    );
    await computeFacts(client, "scoped", timeZone);
    await client.query(applyFunnelSql("scoped", 1));
    await client.query(applyRevenueSql("scoped", 1));
    await client.query(applyPaymentSql("scoped", 1));
    for (const sql of PRUNE_SQL) await client.query(sql);
    await client.query("UPDATE analytics_state SET refreshed_at = now() WHERE id = 1");
    return { skipped: false, marks, clients: scope.rowCount ?? 0, ms: performance.now() - started };
  });
}

/**
 * Applies pending notes in batches. `wait: false` gives up at once when another refresh holds
 * the lock (the read path uses it); `maxBatches` bounds the work one call may do.
 */
export async function refreshAnalytics(
  options: { batchSize?: number; maxBatches?: number; wait?: boolean } = {},
): Promise<RefreshResult> {
  const { batchSize = DEFAULT_BATCH, maxBatches = Number.POSITIVE_INFINITY, wait = true } = options;
  const timeZone = getEnv().TIME_ZONE;
  if ((await builtFor(analyticsPool())) !== timeZone) return rebuildAnalytics({ timeZone });
  const total: RefreshResult = { skipped: false, marks: 0, clients: 0, ms: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const result = await refreshBatch(batchSize, timeZone, wait);
    total.skipped ||= result.skipped;
    total.marks += result.marks;
    total.clients += result.clients;
    total.ms += result.ms;
    if (result.skipped || result.marks < batchSize) break;
  }
  return total;
}

/** How much the read path may refresh itself before answering; the job does the rest. */
const READ_PATH_BATCHES = 1;

/**
 * Called before every report: builds the rollup on first use, and applies a bounded batch of
 * pending changes, so a report shows a payment made a moment ago without waiting for the job.
 * Nothing pending costs one cheap query.
 */
export async function ensureAnalyticsFresh(): Promise<void> {
  const timeZone = getEnv().TIME_ZONE;
  const { rows } = await analyticsPool().query<{ time_zone: string | null; pending: boolean }>(
    "SELECT (SELECT time_zone FROM analytics_state WHERE id = 1) AS time_zone, EXISTS (SELECT 1 FROM analytics_dirty) AS pending",
  );
  const state = rows[0];
  if (state?.time_zone !== timeZone) await rebuildAnalytics({ timeZone });
  else if (state.pending) await refreshAnalytics({ maxBatches: READ_PATH_BATCHES, wait: false });
}
