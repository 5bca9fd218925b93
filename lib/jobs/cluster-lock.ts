import pg from "pg";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { envValue } from "@/lib/env";

/**
 * A lock shared by every instance on the same database: a session-level advisory lock on a
 * dedicated connection, held while the work runs. Used for work that must not even queue up
 * behind itself, e.g. the same client's queued links picked up by two instances at once.
 */
const POOL = "cluster-lock-pool";

function lockPool(): pg.Pool {
  return processSingleton(POOL, () => {
    const pool = new pg.Pool({ connectionString: envValue("DATABASE_URL"), max: 5, application_name: "hub-locks" });
    pool.on("error", () => {});
    return pool;
  });
}

export const LOCK_BUSY = Symbol("lock busy");

/** Runs `work` holding the lock named `key`, or answers LOCK_BUSY at once if another holder has it. */
export async function withClusterLock<T>(key: string, work: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const client = await lockPool().connect();
  let released = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked",
      [key],
    );
    if (!rows[0]?.locked) return LOCK_BUSY;
    try {
      return await work();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [key]).catch(() => {
        // A broken connection drops its locks with it; never hand such a client back to the pool.
        released = true;
        client.release(true);
      });
    }
  } finally {
    if (!released) client.release();
  }
}

export async function closeClusterLocks(): Promise<void> {
  const pool = peekProcessSingleton<pg.Pool>(POOL);
  dropProcessSingleton(POOL);
  await pool?.end();
}
