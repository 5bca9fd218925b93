import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type DatabaseServer, startEmbeddedPostgres } from "@/lib/cli/database-server";
import { db, disconnectDb } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { applyMigrations } from "@/lib/migrations/schema-engine";
import { startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import {
  customer,
  freePort,
  gcProcessCall,
  type HubProcess,
  killHubs,
  type LinkAnswer,
  pause,
  requestLink,
  salebotLoad,
  scratchDir,
  type Sims,
  simulatorEnv,
  startHub,
  storedSalebotIds,
  waitFor,
} from "./support";

/**
 * (c) Postgres restarted under a mixed load and (d) the app SIGKILLed under load, against the real
 * server (scripts/server.ts without Next, job workers on) and a PostgreSQL of this file's own that
 * can be stopped. Salebot webhooks go to the server; /api/link and GetCourse webhooks run through
 * their route handlers here, on the same database. Each 200 must be stored, each link answered
 * success must exist, and each queued link must complete. (This replaces
 * lib/events/ingest-faults.int.test.ts, which covered the webhook half of both.)
 */
const work = scratchDir("hub-faults-");
const spoolDir = path.join(work, "spool");
// Short job expiry so a job the SIGKILL interrupted is retried within the test, not in 2 minutes.
const JOB_ENV = { HUB_JOB_EXPIRE_SECONDS: "4", HUB_JOB_MAINTENANCE_SECONDS: "1", HUB_JOB_RETRY_DELAY_SECONDS: "1" };
Object.assign(process.env, JOB_ENV);

let database: DatabaseServer;
let pgPort: number;
let sims: Sims;
let hub: HubProcess;

function spoolFiles(): string {
  return readdirSync(spoolDir)
    .map((name) => `${name}=${readFileSync(path.join(spoolDir, name), "utf8").split("\n").filter(Boolean).length}`)
    .join(", ");
}

function startPostgres(): Promise<DatabaseServer> {
  return startEmbeddedPostgres({ dataDir: path.join(work, "pg"), port: pgPort, database: "hub", quiet: true });
}

function startApp(port?: number): Promise<HubProcess> {
  return startHub({
    databaseUrl: database.url,
    port,
    spoolDir,
    workers: true,
    env: { ...simulatorEnv(sims), ...JOB_ENV, LINK_RETRY_BASE_SECONDS: "1", LOG_LEVEL: "warn" },
  });
}

beforeAll(async () => {
  pgPort = await freePort();
  database = await startPostgres();
  await applyMigrations(database.url);
  // This file's database, not the per-file clone: the clone's server is not ours to stop.
  await stopBoss();
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  sims = await startSimulatedIntegrations();
  hub = await startApp();
});

afterAll(async () => {
  killHubs();
  await sims?.close();
  await stopBoss().catch(() => {});
  await disconnectDb().catch(() => {});
  await database?.stop();
});

/** Keeps linking fresh customers through /api/link until stopped; records every answer. */
function linkLoad(concurrency = 3) {
  const answers: { c: ReturnType<typeof customer>; answer: LinkAnswer }[] = [];
  let stopped = false;
  const workers = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const c = customer(sims);
      answers.push({ c, answer: await requestLink(c).catch(() => ({ status: 0 })) });
      await pause(30);
    }
  });
  return {
    answers,
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

/** Keeps sending GetCourse «Вызвать URL» order events for fresh deals; records the answered ones. */
function orderLoad(firstDeal: number) {
  const acknowledged: string[] = [];
  let stopped = false;
  let next = firstDeal;
  const sender = (async () => {
    while (!stopped) {
      const dealId = String(next++);
      const status = await gcProcessCall({ event: "created", deal_id: dealId, status: "new", cost: "990" }).catch(
        () => 0,
      );
      if (status === 200) acknowledged.push(dealId);
      await pause(20);
    }
  })();
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await sender;
    },
  };
}

async function expectLoadSettled(
  webhooks: number[],
  orders: string[],
  links: { c: ReturnType<typeof customer>; answer: LinkAnswer }[],
) {
  await waitFor(
    async () => {
      const stored = await storedSalebotIds();
      return webhooks.every((id) => stored.has(id));
    },
    30_000,
    "every acknowledged Salebot webhook stored",
  ).catch(async (error: unknown) => {
    const stored = await storedSalebotIds();
    const missing = webhooks.filter((id) => !stored.has(id));
    throw new Error(
      `${String(error)}; missing ${missing.length} of ${webhooks.length} (e.g. ${missing.slice(0, 5).join(", ")}); spool: ${spoolFiles()}; hub says:\n${hub.output
        .filter((line) => line.includes("salebot") && line.startsWith("{"))
        .map((line) => line.slice(0, 300))
        .slice(-12)
        .join("\n")}`,
    );
  });
  const storedOrders = new Set((await db.gcOrderEvent.findMany({ select: { dealId: true } })).map((row) => row.dealId));
  expect(orders.filter((id) => !storedOrders.has(id))).toEqual([]);
  // Accepted links: answered success, or gc_unavailable (queued, the queue must finish them).
  const accepted = links.filter(({ answer }) => answer.success === true || answer.error === "gc_unavailable");
  await waitFor(
    async () => {
      const linked = await db.link.count({ where: { sbClientId: { in: accepted.map(({ c }) => c.sb_id) } } });
      return linked === accepted.length;
    },
    60_000,
    "every accepted link stored",
  );
  // The counters match the rows: no message counted twice by a replay.
  const stored = await storedSalebotIds();
  const { rows } = {
    rows: await db.$queryRaw<{ total: number }[]>`SELECT sum(messages_in)::int AS total FROM salebot_clients`,
  };
  expect(rows[0]?.total).toBe(stored.size);
  return accepted.length;
}

test("(c) Postgres restarted under webhooks and links: every 200 stored, every accepted link completes", async () => {
  const webhooks = salebotLoad(() => hub.port, 8, 1);
  const links = linkLoad();
  const orders = orderLoad(500_000);
  await pause(1_500);
  const beforeStop = webhooks.acknowledged.length;
  await database.stop();
  await pause(2_000);
  const duringOutage = webhooks.acknowledged.length;
  database = await startPostgres();
  await pause(2_500);
  await Promise.all([webhooks.stop(), links.stop(), orders.stop()]);

  // The spool kept answering while Postgres was away, and the server survived the restart (a
  // background job's unhandled rejection used to end the process here).
  expect(duringOutage).toBeGreaterThan(beforeStop);
  expect(hub.child.exitCode).toBeNull();
  const accepted = await expectLoadSettled(webhooks.acknowledged, orders.acknowledged, links.answers);
  expect(accepted).toBeGreaterThan(0);
  expect(orders.acknowledged.length).toBeGreaterThan(0);
  // A link the hub could not record while Postgres was down is answered 500 or internal_error,
  // never success: the bot can tell and send it again.
  for (const { c, answer } of links.answers) {
    if (answer.success === true) expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
  }
}, 120_000);

test("(d) the app SIGKILLed under load: every 200 stored, queued links and deliveries finish", async () => {
  // Work for the queue that is in flight at the kill: linked buyers whose orders are being
  // delivered to a slow Salebot, and links queued while GetCourse was down.
  const buyers = Array.from({ length: 6 }, () => customer(sims));
  for (const b of buyers) expect((await requestLink(b)).success).toBe(true);
  sims.gcSim.faults.add({ kind: "http_503" });
  const queued = Array.from({ length: 12 }, () => customer(sims));
  const queuedAnswers = await Promise.all(queued.map((c) => requestLink(c)));
  expect(queuedAnswers.every((a) => a.error === "gc_unavailable")).toBe(true);
  sims.gcSim.faults.clear();
  sims.gcSim.faults.add({ kind: "latency", delayMs: 700 });
  sims.sbSim.faults.add({ kind: "latency", delayMs: 700 });

  for (const [i, b] of buyers.entries()) {
    expect(
      await gcProcessCall({
        event: "paid",
        deal_id: String(600_000 + i),
        email: b.email,
        status: "payed",
        cost: "990",
        paid: "990",
      }),
    ).toBe(200);
  }
  const webhooks = salebotLoad(() => hub.port, 8, 1_000_000);
  await pause(2_000);
  hub.child.kill("SIGKILL");
  await hub.kill();
  const acknowledgedAtKill = webhooks.acknowledged.length;
  await pause(300);
  hub = await startApp(hub.port);
  await pause(1_500);
  await webhooks.stop();
  expect(webhooks.acknowledged.length).toBeGreaterThan(acknowledgedAtKill);

  await expectLoadSettled(
    webhooks.acknowledged,
    [],
    queued.map((c) => ({ c, answer: { status: 200, success: false, error: "gc_unavailable" } })),
  );
  sims.gcSim.faults.clear();
  sims.sbSim.faults.clear();
  await waitFor(
    async () =>
      (await db.linkAttempt.count({ where: { resolvedAt: null, sbClientId: { in: queued.map((c) => c.sb_id) } } })) ===
      0,
    60_000,
    "queued links resolved",
  );
  // A delivery in flight at the kill is tried again (Salebot callbacks carry no idempotency key,
  // so one that reached Salebot before the kill may arrive twice: the documented window).
  await waitFor(
    async () => (await db.delivery.count({ where: { status: "sent" } })) === buyers.length,
    60_000,
    "deliveries sent",
  );
  expect(await db.delivery.count()).toBe(buyers.length);
  for (const c of queued) {
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
    expect(sims.sbSim.state.variablesOf(Number(c.sb_id))).toMatchObject({ email: c.email });
  }
}, 120_000);
