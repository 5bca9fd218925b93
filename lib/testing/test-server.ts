import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { MIGRATIONS_DIR } from "@/lib/migrations/schema-engine";

/** What the integration global setup hands to each test file (through the environment). */
export const SERVER_URL_VAR = "HUB_TEST_SERVER_URL";
export const TEMPLATE_VAR = "HUB_TEST_TEMPLATE_DB";

/** A template name that changes whenever a migration does, so a stale template is never reused. */
export function templateName(): string {
  const hash = createHash("sha256");
  for (const name of readdirSync(MIGRATIONS_DIR).sort()) {
    const file = path.join(MIGRATIONS_DIR, name, "migration.sql");
    try {
      hash.update(name).update(readFileSync(file));
    } catch {
      // migration_lock.toml and stray files carry no schema
    }
  }
  return `hub_template_${hash.digest("hex").slice(0, 12)}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(serverUrl: string, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}
