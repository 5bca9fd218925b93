import pg from "pg";

/**
 * One import at a time across every process of the hub (GetCourse runs one export per account
 * anyway). A session advisory lock on its own connection: if the process dies, the connection
 * closes and the lock goes with it, so a crashed import never blocks the next one.
 */
const LOCK_KEY: [number, number] = [0x6763, 0x6266];

export type BackfillLock = { release(): Promise<void> };

export async function tryBackfillLock(): Promise<BackfillLock | null> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const client = new pg.Client({ connectionString, application_name: "hub-backfill-lock" });
  await client.connect();
  try {
    const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS locked", LOCK_KEY);
    if (result.rows[0]?.locked) {
      return {
        async release() {
          await client.query("SELECT pg_advisory_unlock($1, $2)", LOCK_KEY).catch(() => undefined);
          await client.end();
        },
      };
    }
  } catch (error) {
    await client.end();
    throw error;
  }
  await client.end();
  return null;
}
