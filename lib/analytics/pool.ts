import pg from "pg";

/**
 * The analytics queries' own small pool. Reports run long aggregate SQL with temp tables and
 * cursors, which read more plainly through `pg` than through Prisma, and a separate pool keeps a
 * slow export from taking the connections the webhooks need.
 */
const cache = globalThis as unknown as { hubAnalyticsPool?: pg.Pool };

// numeric and bigint arrive as strings from pg; the queries cast what they return on purpose.
export function analyticsPool(): pg.Pool {
  if (!cache.hubAnalyticsPool) {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const pool = new pg.Pool({ connectionString, max: 4, application_name: "hub-analytics" });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    cache.hubAnalyticsPool = pool;
  }
  return cache.hubAnalyticsPool;
}

export async function closeAnalyticsPool(): Promise<void> {
  const pool = cache.hubAnalyticsPool;
  cache.hubAnalyticsPool = undefined;
  await pool?.end();
}
