import pg from "pg";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { envValue } from "@/lib/env";

/**
 * The analytics queries' own small pool. Reports run long aggregate SQL with temp tables and
 * cursors, which read more plainly through `pg` than through Prisma, and a separate pool keeps a
 * slow export from taking the connections the webhooks need.
 */
const POOL = "analytics-pool";

// numeric and bigint arrive as strings from pg; the queries cast what they return on purpose.
export function analyticsPool(): pg.Pool {
  return processSingleton(POOL, () => {
    const connectionString = envValue("DATABASE_URL");
    if (!connectionString) throw new Error("DATABASE_URL is not set");
    const pool = new pg.Pool({ connectionString, max: 4, application_name: "hub-analytics" });
    // An idle connection dropped by the server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    return pool;
  });
}

export async function closeAnalyticsPool(): Promise<void> {
  const pool = peekProcessSingleton<pg.Pool>(POOL);
  dropProcessSingleton(POOL);
  await pool?.end();
}
