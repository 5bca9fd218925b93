// npm run bench:ingest – the Salebot webhook under the load schools really make, in one run:
//  1. many clients: webhooks from tens of thousands of clients, skewed as real chats are (Zipf),
//     100 keep-alive connections, against the bare node:http + pg group-commit reference
//     (bench/ingest-reference.ts) and the production server (npm start), each on a fresh database;
//  2. one client: the same, every message from one client (the old workload);
//  3. a broadcast's replies: 20,000 webhooks from 20,000 new clients within 10 s (open loop);
//  4. the same burst split across two ingest-only instances on one database, every 10th webhook
//     sent to both: nothing lost, nothing counted twice.
// Every 2xx must be a stored row (counted in PostgreSQL); the server's RSS is sampled throughout.
// On a shared machine absolute figures move with the other work: the ratio to the reference,
// measured in the same run, is the figure to compare.
import { type ChildProcess, fork, spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { startDatabase } from "../lib/cli/database-server";
import { SERVER_V8_FLAGS } from "../lib/cli/server-flags";
import { applyMigrations } from "../lib/migrations/schema-engine";
import { adminQuery, databaseUrl } from "../lib/testing/test-server";
import { ms } from "../bench/load";
import { freePort, RssSampler, stopChild, waitForHealth } from "../bench/proc";
import type { ClientMix, SalebotLoadResult, SalebotLoadSpec } from "../bench/salebot-load";
import { type BenchFigure, recordBenchFigures } from "../bench/summary";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const POPULATION = Number(process.env.BENCH_CLIENTS ?? 20_000);
const BURST = Number(process.env.BENCH_BURST ?? 20_000);
const BURST_SECONDS = 10;
const TOKEN = "bench-link-token-0123456789";
const TARGET_RATIO = 0.5;
const TARGET_P99_MS = 50;
const TARGET_RSS_MIB = 400;

const MANY: ClientMix = { kind: "zipf", population: POPULATION, exponent: 1, firstId: 100_000, seed: 17 };
const ONE: ClientMix = { kind: "one", id: 4242 };
let nextMessageId = Date.now() * 1000;

function load(spec: Omit<SalebotLoadSpec, "firstMessageId">): Promise<SalebotLoadResult> {
  const full: SalebotLoadSpec = { ...spec, firstMessageId: nextMessageId };
  nextMessageId += 10_000_000;
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.resolve("bench/salebot-load.ts"), JSON.stringify(full)],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as SalebotLoadResult)
        : reject(new Error(`load generator exited ${code}`)),
    );
  });
}

async function scalar(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0]?.n ?? Number.NaN);
  } finally {
    await client.end();
  }
}

type Measured = SalebotLoadResult & { name: string; stored: number; rssMiB: number };

async function measure(
  name: string,
  spec: Omit<SalebotLoadSpec, "firstMessageId">,
  dbUrl: string,
  table: string,
  rss: RssSampler,
): Promise<Measured> {
  const before = await scalar(dbUrl, `SELECT count(*)::int AS n FROM ${table}`);
  rss.takePeak();
  const result = await load(spec);
  const stored = (await scalar(dbUrl, `SELECT count(*)::int AS n FROM ${table}`)) - before;
  const rssMiB = rss.takePeak();
  console.log(
    `  ${name}: ${Math.round(result.rps)} req/s, p50 ${ms(result.p50)} ms, p99 ${ms(result.p99)} ms, 2xx ${result.ok}, failed ${result.failed}, stored ${stored}, ` +
      `${result.distinctClients} clients, server RSS peak ${Math.round(rssMiB)} MiB`,
  );
  return { name, ...result, stored, rssMiB };
}

const closed = (clients: ClientMix, url: string) => ({
  targets: [url],
  loop: { kind: "closed" as const, connections: CONNECTIONS },
  seconds: SECONDS,
  clients,
});
const burst = (targets: string[], firstId: number, duplicateEvery?: number) => ({
  targets,
  loop: { kind: "open" as const, rate: BURST / BURST_SECONDS },
  seconds: BURST_SECONDS,
  limit: BURST,
  clients: { kind: "unique" as const, firstId },
  duplicateEvery,
});

function startServer(
  dbUrl: string,
  port: number,
  extra: Record<string, string>,
  script: "start" | "server",
): ChildProcess {
  const file = script === "start" ? "scripts/start.ts" : "scripts/server.ts";
  // server.ts directly gets the flags start.ts would give it, as a production instance has them.
  const flags = script === "server" ? SERVER_V8_FLAGS : [];
  return spawn(process.execPath, [...flags, ...process.execArgv, path.resolve(file), "start"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      LINK_API_TOKEN: TOKEN,
      SALEBOT_PROJECT_ID: "777",
      LOG_LEVEL: "warn",
      HUB_DEMO: "off",
      ...extra,
    },
  });
}

const server = await startDatabase({
  dataDir: path.resolve(".data/bench-pg"),
  port: 54600,
  database: "postgres",
  quiet: true,
});
const stamp = Date.now();
const databases = { ref: `bench_ref_${stamp}`, hub: `bench_hub_${stamp}`, two: `bench_two_${stamp}` };
for (const name of Object.values(databases)) await adminQuery(server.url, `CREATE DATABASE "${name}"`);
const children: ChildProcess[] = [];
try {
  console.log(
    `bench:ingest – ${CONNECTIONS} connections, ${SECONDS} s per closed-loop run; many clients = Zipf (s = 1) over ${POPULATION.toLocaleString("en")} clients; ` +
      `burst = ${BURST.toLocaleString("en")} new clients in ${BURST_SECONDS} s`,
  );

  // 1. The bare reference, both workloads (it stores bodies only, so they cost it the same).
  const refUrl = databaseUrl(server.url, databases.ref);
  const refPort = await freePort();
  const reference = fork(path.resolve("bench/ingest-reference.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: refUrl, PORT: String(refPort) },
  });
  children.push(reference);
  await new Promise<void>((resolve) => reference.once("message", () => resolve()));
  const refRss = new RssSampler(reference.pid ?? 0, () => true);
  const refTarget = `http://127.0.0.1:${refPort}/`;
  await load({ ...closed(MANY, refTarget), seconds: 2 });
  const bareMany = await measure(
    "bare node:http + pg, many clients",
    closed(MANY, refTarget),
    refUrl,
    "bench_reference",
    refRss,
  );
  const bareOne = await measure(
    "bare node:http + pg, one client",
    closed(ONE, refTarget),
    refUrl,
    "bench_reference",
    refRss,
  );
  refRss.stop();
  await stopChild(reference);

  // 2. The production server (npm start's path: migrations, build if missing, Next in front).
  const hubUrl = databaseUrl(server.url, databases.hub);
  const hubPort = await freePort();
  const hub = startServer(hubUrl, hubPort, {}, "start");
  children.push(hub);
  await waitForHealth(`http://127.0.0.1:${hubPort}/api/health`, 300_000, hub);
  const hubRss = new RssSampler(hub.pid ?? 0);
  const hubTarget = `http://127.0.0.1:${hubPort}/api/webhooks/salebot?token=${TOKEN}`;
  const idle = hubRss.now();
  await load({ ...closed(MANY, hubTarget), seconds: 2 });
  const hubMany = await measure("hub, many clients", closed(MANY, hubTarget), hubUrl, "salebot_messages", hubRss);
  const hubOne = await measure("hub, one client", closed(ONE, hubTarget), hubUrl, "salebot_messages", hubRss);
  const hubBurst = await measure(
    "hub, broadcast burst",
    burst([hubTarget], 50_000_000),
    hubUrl,
    "salebot_messages",
    hubRss,
  );
  const after = hubRss.now();
  hubRss.stop();
  await stopChild(hub, undefined, true);

  // 3. Two ingest-only instances (HUB_NEXT=off) on one database, the burst split across them.
  const twoUrl = databaseUrl(server.url, databases.two);
  await applyMigrations(twoUrl);
  const ports = [await freePort(), await freePort()];
  const instances = ports.map((port, i) =>
    startServer(
      twoUrl,
      port,
      { HUB_NEXT: "off", SPOOL_DIR: path.resolve(`.data/bench-spool-${stamp}-${i}`) },
      "server",
    ),
  );
  children.push(...instances);
  await Promise.all(ports.map((port, i) => waitForHealth(`http://127.0.0.1:${port}/`, 60_000, instances[i], true)));
  const twoRss = instances.map((child) => new RssSampler(child.pid ?? 0));
  const twoTargets = ports.map((port) => `http://127.0.0.1:${port}/api/webhooks/salebot?token=${TOKEN}`);
  const two = await measure(
    "two instances, burst (every 10th sent to both)",
    burst(twoTargets, 60_000_000, 10),
    twoUrl,
    "salebot_messages",
    twoRss[0] as RssSampler,
  );
  const twoRssMiB = [two.rssMiB, (twoRss[1] as RssSampler).takePeak()];
  const counted = await scalar(
    twoUrl,
    "SELECT coalesce(sum(messages_in + messages_out), 0)::int AS n FROM salebot_clients",
  );
  const twoClients = await scalar(twoUrl, "SELECT count(*)::int AS n FROM salebot_clients");
  for (const sampler of twoRss) sampler.stop();
  await Promise.all(instances.map((child) => stopChild(child, undefined, true)));

  const ratio = hubMany.rps / bareMany.rps;
  const ratioOne = hubOne.rps / bareOne.rps;
  const lost = (r: Measured) => r.ok - Math.min(r.ok, r.stored);
  console.log("");
  console.log("| run | req/s | p50 ms | p99 ms | 2xx | failed | rows stored | lost | clients | RSS peak MiB |");
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const r of [bareMany, bareOne, hubMany, hubOne, hubBurst, two]) {
    console.log(
      `| ${r.name} | ${Math.round(r.rps)} | ${ms(r.p50)} | ${ms(r.p99)} | ${r.ok} | ${r.failed} | ${r.stored} | ${lost(r)} | ${r.distinctClients} | ${Math.round(r.rssMiB)} |`,
    );
  }
  console.log("");
  console.log(
    `hub / bare, many clients = ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO}); one client = ${ratioOne.toFixed(2)}; hub p99 many clients ${ms(hubMany.p99)} ms (target ≤ ${TARGET_P99_MS})`,
  );
  console.log(
    `server RSS: ${Math.round(idle)} MiB idle, ${Math.round(after)} MiB after the runs; peak ${Math.round(Math.max(hubMany.rssMiB, hubOne.rssMiB, hubBurst.rssMiB))} MiB (target ≤ ${TARGET_RSS_MIB})`,
  );
  // A request answered with an error may still have been stored: rows lie between the 2xx and all sent.
  const twoOk = two.stored >= two.ok && two.stored <= two.requests;
  console.log(
    `two instances: ${two.ok} distinct webhooks answered 2xx (+ ${two.duplicatesOk} of ${two.duplicates} duplicates), ${two.stored} rows, ${twoClients} clients, ` +
      `client counters sum ${counted} (= rows: ${counted === two.stored ? "yes" : "NO"}); RSS ${twoRssMiB.map((v) => Math.round(v)).join(" + ")} MiB`,
  );
  const hubPeak = Math.max(hubMany.rssMiB, hubOne.rssMiB, hubBurst.rssMiB);
  const figures: BenchFigure[] = [
    {
      metric: `webhooks/s, many clients (Zipf, ${hubMany.distinctClients} clients), hub (bare)`,
      value: `${Math.round(hubMany.rps)} (${Math.round(bareMany.rps)})`,
      target: "≥ 0.5 × bare",
      met: ratio >= TARGET_RATIO,
    },
    {
      metric: "hub / bare, many clients",
      value: ratio.toFixed(2),
      target: `≥ ${TARGET_RATIO.toFixed(2)}`,
      met: ratio >= TARGET_RATIO,
    },
    {
      metric: "webhook p99, many clients",
      value: `${ms(hubMany.p99)} ms`,
      target: `≤ ${TARGET_P99_MS} ms`,
      met: hubMany.p99 <= TARGET_P99_MS,
    },
    { metric: "lost, many clients (2xx − rows)", value: String(lost(hubMany)), target: "0", met: lost(hubMany) === 0 },
    {
      metric: "hub / bare, one client",
      value: `${ratioOne.toFixed(2)} (${Math.round(hubOne.rps)} / ${Math.round(bareOne.rps)}), p99 ${ms(hubOne.p99)} ms`,
      target: "for reference",
      met: null,
    },
    {
      metric: `burst: ${BURST} clients in ${BURST_SECONDS} s, 2xx stored`,
      value: `${Math.min(hubBurst.ok, hubBurst.stored)} of ${hubBurst.ok} (${hubBurst.failed} failed)`,
      target: "every 2xx",
      met: lost(hubBurst) === 0 && hubBurst.failed === 0,
    },
    { metric: "burst p99", value: `${ms(hubBurst.p99)} ms`, target: "printed", met: null },
    {
      metric: "server RSS peak (many, one, burst)",
      value: `${Math.round(hubMany.rssMiB)}, ${Math.round(hubOne.rssMiB)}, ${Math.round(hubBurst.rssMiB)} MiB`,
      target: `≤ ${TARGET_RSS_MIB} MiB`,
      met: hubPeak <= TARGET_RSS_MIB,
    },
    {
      metric: "burst on two instances: lost / counted twice",
      value: `${lost(two)} / ${counted - two.stored} (rows ${two.stored}, p99 ${ms(two.p99)} ms, RSS ${twoRssMiB.map((v) => Math.round(v)).join(" + ")} MiB)`,
      target: "0 / 0",
      met: lost(two) === 0 && counted === two.stored && twoOk,
    },
  ];
  recordBenchFigures("ingest", figures);
} finally {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null && child.pid)
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
  for (const name of Object.values(databases))
    await adminQuery(server.url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await server.stop();
}
