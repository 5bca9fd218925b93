import pg from "pg";

/**
 * A lock shared by every instance on the same database: a session-level advisory lock on a
 * dedicated connection, held while the work runs. Used where the in-process key locks are not
 * enough, e.g. the same client's queued links picked up by two instances at once.
 */
const cache = globalThis as unknown as { hubLockPool?: pg.Pool };

function lockPool(): pg.Pool {
  if (!cache.hubLockPool) {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 5, application_name: "hub-locks" });
    pool.on("error", () => {});
    cache.hubLockPool = pool;
  }
  return cache.hubLockPool;
}

export const LOCK_BUSY = Symbol("lock busy");

/** Runs `work` holding the lock named `key`, or answers LOCK_BUSY at once if another holder has it. */
export async function withClusterLock<T>(key: string, work: () => Promise<T>): Promise<T | typeof LOCK_BUSY> {
  const client = await lockPool().connect();
  let released = false;
  try {
    const { rows } = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked", [key]);
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
  const pool = cache.hubLockPool;
  cache.hubLockPool = undefined;
  await pool?.end();
}
