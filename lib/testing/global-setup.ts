import path from "node:path";
import { startDatabase } from "@/lib/cli/database-server";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { adminQuery, databaseUrl, SERVER_URL_VAR, TEMPLATE_VAR, templateName } from "./test-server";

/**
 * Once per integration run: a PostgreSQL server (DATABASE_URL's, else an embedded one under
 * .data/test-pg) and a template database with every migration applied. Test files clone it.
 */
export default async function setup(): Promise<() => Promise<void>> {
  // Whoever starts the embedded server stops it when their run ends, under everyone sharing it;
  // a long suite (the fuzz suite) therefore brings its own folder via HUB_TEST_PG_DIR.
  const dataDir = path.resolve(process.env.HUB_TEST_PG_DIR ?? ".data/test-pg");
  const server = await startDatabase({ dataDir, port: 54400, database: "postgres", quiet: true });
  const template = templateName();
  const exists = await adminQuery(server.url, "SELECT 1 FROM pg_database WHERE datname = $1", [template]);
  if (exists.rowCount === 0) {
    const building = `${template}_building_${process.pid}`;
    await adminQuery(server.url, `CREATE DATABASE "${building}"`);
    await applyMigrations(databaseUrl(server.url, building));
    await adminQuery(server.url, `ALTER DATABASE "${building}" RENAME TO "${template}"`).catch(
      async (error: unknown) => {
        // Another run built the same template meanwhile: theirs is as good as ours.
        await adminQuery(server.url, `DROP DATABASE IF EXISTS "${building}"`);
        if (!String(error).includes("already exists")) throw error;
      },
    );
  }
  process.env[SERVER_URL_VAR] = server.url;
  process.env[TEMPLATE_VAR] = template;
  return async () => {
    await server.stop();
  };
}
