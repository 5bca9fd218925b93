// npm start / npm run dev: one command from a fresh clone to a served dashboard.
// Parses the configuration, starts the embedded PostgreSQL when DATABASE_URL is unset, applies
// migrations, builds when no production build exists, then runs Next and stops it all cleanly.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { startDatabase } from "../lib/cli/database-server";
import { SERVER_V8_FLAGS } from "../lib/cli/server-flags";
import { ensureDemoAdmin, ensureDemoSecrets } from "../lib/demo/secrets";
import { isDemoMode } from "../lib/demo/mode";
import type { DemoMode } from "../lib/demo/start-demo";
import { ConfigError, type Env, parseEnv } from "../lib/env";
import { applyMigrations } from "../lib/migrations/schema-engine";

const mode = process.argv[2] === "dev" ? "dev" : "start";
const nextBin = path.resolve("node_modules/next/dist/bin/next");

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", env });
}

/** Our server (scripts/server.ts) in front of Next, under the same node flags as this script. */
function serve(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...SERVER_V8_FLAGS, ...process.execArgv, path.resolve("scripts/server.ts"), mode], {
    stdio: "inherit",
    env,
  });
}

function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
}

function loadConfig(): Env {
  try {
    return parseEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(`Configuration error: ${error.message}`);
    throw error;
  }
}

const env = loadConfig();
if (!existsSync(path.resolve("lib/generated/prisma/client.ts"))) {
  spawnSync("npm", ["run", "--silent", "db:generate"], { stdio: "inherit" });
}

const secrets = ensureDemoSecrets(process.env);
// Set as each starts; read by the shutdown path, which may run before any of them.
const running: { child?: ChildProcess; build?: ChildProcess; demo?: DemoMode } = {};
// The build needs no database, so a first start runs it beside the database's start, the
// migrations and the demo data. HUB_START_BUILD skips the build's own type check, which
// `npm test` runs (next.config.mjs).
if (mode === "start" && !existsSync(path.resolve(".next/BUILD_ID"))) {
  console.log("No production build yet: building (a minute or two, once)…");
  running.build = run(["build"], { ...process.env, ...secrets, NODE_ENV: "production", HUB_START_BUILD: "1" });
}
const building = running.build ? waitForExit(running.build) : null;
const database = await startDatabase();
let stopping: Promise<never> | undefined;

/**
 * Stops Next, the simulators and the database, then exits. Runs once: a second caller (the child
 * exiting because the first one stopped it) waits for the same stop instead of exiting early.
 */
function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    if (running.build?.exitCode === null) running.build.kill("SIGTERM");
    const { child } = running;
    if (child && child.exitCode === null) {
      child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await waitForExit(child);
      clearTimeout(forced);
    }
    await running.demo?.close();
    await database.stop();
    process.exit(code);
  })();
  return stopping;
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));
process.on("exit", () => {
  for (const child of [running.build, running.child]) if (child?.exitCode === null) child.kill("SIGKILL");
});

try {
  const applied = await applyMigrations(database.url);
  if (applied.length) console.log(`Migrations applied: ${applied.join(", ")}`);
} catch (error) {
  console.error(`Cannot migrate the database: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}

// Demo mode (no GetCourse or Salebot credentials): simulators in this process, their URLs and keys
// handed to the server as ordinary configuration; the demo's history is written once, here.
const hubUrl = `http://127.0.0.1:${env.PORT}`;
if (isDemoMode(process.env)) {
  try {
    const { startDemoMode } = await import("../lib/demo/start-demo");
    running.demo = await startDemoMode({
      databaseUrl: database.url,
      hubUrl,
      tokens: { link: secrets.LINK_API_TOKEN, getcourseWebhook: secrets.GETCOURSE_WEBHOOK_TOKEN },
    });
  } catch (error) {
    console.error(`Cannot start demo mode: ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
const admin = running.demo ? ensureDemoAdmin(process.env) : null;

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  ...secrets,
  ...running.demo?.env,
  ...(admin ? { ADMIN_EMAIL: admin.ADMIN_EMAIL, ADMIN_PASSWORD: admin.ADMIN_PASSWORD } : {}),
  DATABASE_URL: database.url,
  PORT: String(env.PORT),
  NODE_ENV: mode === "dev" ? "development" : "production",
};

const buildCode = await building;
if (buildCode) {
  console.error("The build failed; see the output above.");
  await shutdown(buildCode);
}

const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
const child = serve(childEnv);
running.child = child;
child.once("spawn", () => {
  console.log("");
  console.log(`  Salebot ⇄ GetCourse hub: ${appUrl}`);
  console.log(`  Database: ${database.embedded ? "embedded PostgreSQL (.data/pg)" : "DATABASE_URL"}`);
  console.log(`  Link token (for /api/link and the Salebot webhook): ${secrets.LINK_API_TOKEN}`);
  console.log(`  GetCourse webhook token (for /api/webhooks/getcourse): ${secrets.GETCOURSE_WEBHOOK_TOKEN}`);
  if (running.demo) {
    console.log(`  Demo mode: GetCourse and Salebot simulators at ${running.demo.gcUrl} and ${running.demo.sbUrl}`);
    console.log(`  Demo data: ${running.demo.dataNote}`);
    if (admin) console.log(`  Admin login: ${admin.ADMIN_EMAIL}${admin.generated ? ` / ${admin.ADMIN_PASSWORD}` : ""}`);
  }
  console.log("");
});
void running.demo?.playLive(hubUrl).then(
  (played) =>
    played &&
    console.log(
      `Demo: ${played.webhooks.sent} Salebot webhooks, ${played.links.length} link calls, ${played.startLinks.filter((s) => s.code).length} personal start link pressed, ${played.deals.length} GetCourse orders played live.`,
    ),
  (error: unknown) =>
    console.error(`Demo: the live part failed: ${error instanceof Error ? error.message : String(error)}`),
);
const code = await waitForExit(child);
await shutdown(code);
