import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/cli/database-server";
import integrationSetup from "@/lib/testing/global-setup";

/**
 * The integration setup (a migrated template that each file clones), on a PostgreSQL of this
 * suite's own: the fault tests kill and time things, and must not share a server that another
 * suite running at the same time stops when it finishes.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const server = await startEmbeddedPostgres({
    dataDir: path.resolve(".data/faults-pg"),
    port: 54500,
    database: "postgres",
    quiet: true,
  });
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = server.url;
  const teardown = await integrationSetup();
  return async () => {
    await teardown();
    await server.stop();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  };
}
