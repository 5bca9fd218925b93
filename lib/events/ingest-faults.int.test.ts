import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { type DatabaseServer, startEmbeddedPostgres } from "@/lib/database-server";
import { applyMigrations } from "@/lib/migrations/schema-engine";

/**
 * The durability promise under faults: the real ingest server (scripts/server.ts, webhook path
 * only) takes a stream of webhooks while its Postgres is stopped and started again and the server
 * itself is killed with SIGKILL and restarted. Every webhook that was answered 200 must be stored.
 */
const TOKEN = "fault-link-token-0123456789";
const work = mkdtempSync(path.join(tmpdir(), "hub-faults-"));
// PostgreSQL runs as the `postgres` user when we are root: it must be able to enter the folder.
chmodSync(work, 0o755);
const spoolDir = path.join(work, "spool");
const children = new Set<ChildProcess>();
let database: DatabaseServer | undefined;

afterAll(async () => {
  for (const child of children) child.kill("SIGKILL");
  await database?.stop();
});

async function freePort(): Promise<number> {
  const net = await import("node:net");
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function startServer(databaseUrl: string, port: number): ChildProcess {
  const child = spawn(process.execPath, ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", path.resolve("scripts/server.ts"), "start"], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HUB_NEXT: "off", SPOOL_DIR: spoolDir, LINK_API_TOKEN: TOKEN, SALEBOT_PROJECT_ID: "777", HUB_WORKERS: "off", LOG_LEVEL: "error", NODE_OPTIONS: "" },
    stdio: "ignore",
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

async function waitUntilServing(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("ingest server did not start");
}

function body(id: number): string {
  return JSON.stringify({ id, client: { id: 9000 + (id % 7), recepient: "1", client_type: 1, group: "bot" }, message: `m${id}`, project_id: 777, is_input: 1 });
}

test("Postgres restarted and the app SIGKILLed under load: every 200 is stored", async () => {
  const pgPort = await freePort();
  database = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: pgPort, database: "hub", quiet: true });
  const url = database.url;
  await applyMigrations(url);
  const appPort = await freePort();
  let app = startServer(url, appPort);
  await waitUntilServing(appPort);

  const acknowledged: number[] = [];
  let nextId = 1;
  let running = true;
  const sender = async () => {
    while (running) {
      const id = nextId++;
      try {
        const response = await fetch(`http://127.0.0.1:${appPort}/api/webhooks/salebot?token=${TOKEN}`, { method: "POST", body: body(id) });
        if (response.status === 200) acknowledged.push(id);
      } catch {
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  };
  const senders = Array.from({ length: 16 }, sender);
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  await pause(1_000);
  const beforeStop = acknowledged.length;
  await database.stop();
  await pause(1_500);
  const spooledWhileDown = acknowledged.length;
  database = await startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: pgPort, database: "hub", quiet: true });
  await pause(1_000);
  app.kill("SIGKILL");
  await pause(300);
  app = startServer(url, appPort);
  await waitUntilServing(appPort);
  await pause(1_500);
  running = false;
  await Promise.all(senders);

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let stored = new Set<number>();
    for (let i = 0; i < 100; i++) {
      const { rows } = await client.query<{ message_id: string }>("SELECT message_id FROM salebot_messages");
      stored = new Set(rows.map((r) => Number(r.message_id)));
      if (acknowledged.every((id) => stored.has(id))) break;
      await pause(200);
    }
    const missing = acknowledged.filter((id) => !stored.has(id));
    // Answers kept coming while Postgres was down (the spool), and after the kill.
    expect(spooledWhileDown).toBeGreaterThan(beforeStop);
    expect(acknowledged.length).toBeGreaterThan(spooledWhileDown);
    expect(missing).toEqual([]);
    const { rows } = await client.query<{ total: number }>("SELECT sum(messages_in)::int AS total FROM salebot_clients");
    expect(rows[0]?.total).toBe(stored.size);
  } finally {
    await client.end();
  }
}, 90_000);
