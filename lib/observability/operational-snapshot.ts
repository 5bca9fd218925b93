import { log } from "./log";

/**
 * The database-side numbers behind the scrape-time gauges: pg-boss queue depth and open failures.
 * One scrape reads them once for all gauges, and a short cache keeps a busy Prometheus (or several
 * scraping every instance) from turning into a query load.
 */
export type OperationalSnapshot = {
  queueDepth: Record<string, number>;
  openFailures: Record<string, number>;
};

const CACHE_MS = 10_000;
// Per copy of lib/: only the copy that serves /api/metrics reads it.
const cache: { hubOpsSnapshot?: { at: number; value: Promise<OperationalSnapshot | null> } } = {};

async function read(): Promise<OperationalSnapshot | null> {
  // Loaded here, not at the top: metrics.ts is imported by the lean webhook path, which has no use
  // for Prisma until someone scrapes.
  const { db } = await import("@/lib/db");
  try {
    const failures = await db.$queryRaw<{ code: string; count: number }[]>`
      SELECT coalesce(error_code, 'unknown') AS code, count(*)::int AS count
      FROM link_attempts WHERE resolved_at IS NULL AND outcome <> 'success'
      GROUP BY 1
      UNION ALL
      SELECT 'delivery_dead', count(*)::int FROM deliveries WHERE status = 'dead'`;
    // The pgboss schema exists once any process started the queue; until then there is no depth.
    const queues = await db.$queryRaw<{ queue: string; count: number }[]>`
        SELECT q.name AS queue, count(j.id)::int AS count
        FROM pgboss.queue q LEFT JOIN pgboss.job j ON j.name = q.name AND j.state < 'active'
        GROUP BY q.name`.catch(() => []);
    return {
      queueDepth: Object.fromEntries(queues.map((row) => [row.queue, row.count])),
      openFailures: Object.fromEntries(failures.map((row) => [row.code, row.count])),
    };
  } catch (error) {
    // A scrape while Postgres is away must still answer (spool depth matters most then).
    log.warn("metrics: could not read queue depth and failures", { error: String(error) });
    return null;
  }
}

export function operationalSnapshot(now = Date.now()): Promise<OperationalSnapshot | null> {
  const held = cache.hubOpsSnapshot;
  if (held && now - held.at < CACHE_MS) return held.value;
  const value = read();
  cache.hubOpsSnapshot = { at: now, value };
  return value;
}

/** Tests: the next scrape reads the database again. */
export function clearOperationalSnapshot(): void {
  cache.hubOpsSnapshot = undefined;
}
