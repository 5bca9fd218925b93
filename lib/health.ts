import { db } from "@/lib/db";

const DB_CHECK_TIMEOUT_MS = 2_000;

/** "ok" when the database answers a trivial query within two seconds. */
export async function checkDatabase(): Promise<"ok" | "error"> {
  try {
    await Promise.race([
      db.$queryRaw`SELECT 1`,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("database check timed out")), DB_CHECK_TIMEOUT_MS).unref(),
      ),
    ]);
    return "ok";
  } catch {
    return "error";
  }
}
