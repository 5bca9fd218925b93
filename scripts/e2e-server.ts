// The server Playwright tests: the production build on a fresh database of its own
// (DATABASE_URL's server when set, else an embedded one), dropped again when the run ends.
import { spawn } from "node:child_process";
import path from "node:path";
import { startDatabase } from "../lib/cli/database-server";
import { adminQuery, databaseUrl } from "../lib/testing/test-server";

const server = await startDatabase({
  dataDir: path.resolve(".data/e2e-pg"),
  port: 54500,
  database: "postgres",
  quiet: true,
});
const database = `hub_e2e_${Date.now()}`;
await adminQuery(server.url, `CREATE DATABASE "${database}"`);

const app = spawn(process.execPath, [...process.execArgv, path.resolve("scripts/start.ts"), "start"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl(server.url, database) },
});

// Runs once; the app exiting because we stopped it waits for the same stop (see scripts/start.ts).
let stopping: Promise<never> | undefined;
function stop(code: number): Promise<never> {
  stopping ??= (async () => {
    if (app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((resolve) => app.once("exit", resolve));
    }
    await adminQuery(server.url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`).catch(() => {});
    await server.stop();
    process.exit(code);
  })();
  return stopping;
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
app.once("exit", (code) => void stop(code ?? 1));
