// npm run bench:ingest – the Salebot webhook under load: the bare node:http + pg reference
// (bench/ingest-reference.ts) and the real production server, each on a fresh database, loaded
// in turn with the same ~600-byte payload over 100 keep-alive connections.
import { type ChildProcess, fork, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { startDatabase } from "../lib/cli/database-server";
import { adminQuery, databaseUrl } from "../lib/testing/test-server";
import { recordBenchFigures } from "../bench/summary";

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const TOKEN = "bench-link-token-0123456789";

const PAYLOAD = JSON.stringify({
  id: "__ID__",
  client: {
    id: 4242,
    recepient: "5123456789",
    client_type: 1,
    name: "Анна Смирнова",
    avatar: "https://cdn.salebot.pro/avatars/5123456789.jpg",
    created_at: "2026-11-20 10:15:00",
    tag: "spring_webinar",
    group: "school_helper_bot",
  },
  message: "Здравствуйте! Хочу узнать про курс по маркетингу, когда ближайший поток и сколько он стоит?",
  attachments: "[]",
  message_id: 991,
  project_id: 777,
  is_input: 1,
  delivered: 1,
  error_message: "",
});

type LoadResult = { requests: number; ok: number; failed: number; seconds: number; rps: number; p50: number; p99: number };

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function load(url: string, seconds: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("bench/load.ts"), url, String(CONNECTIONS), String(seconds), PAYLOAD], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as LoadResult) : reject(new Error(`load generator exited ${code}`))));
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}

async function count(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n);
  } finally {
    await client.end();
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
  });
}

async function measure(name: string, url: string, dbUrl: string, table: string) {
  await load(url, 2);
  const before = await count(dbUrl, table);
  const result = await load(url, SECONDS);
  const stored = (await count(dbUrl, table)) - before;
  console.log(`  ${name}: ${Math.round(result.rps)} req/s, p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, 2xx ${result.ok}, stored ${stored}`);
  return { name, ...result, stored };
}

const server = await startDatabase({ dataDir: path.resolve(".data/bench-pg"), port: 54600, database: "postgres", quiet: true });
const stamp = Date.now();
const refDb = `bench_ref_${stamp}`;
const hubDb = `bench_hub_${stamp}`;
await adminQuery(server.url, `CREATE DATABASE "${refDb}"`);
await adminQuery(server.url, `CREATE DATABASE "${hubDb}"`);
const results = [];
try {
  console.log(`bench:ingest – ${CONNECTIONS} connections, ${SECONDS} s per run, payload ${Buffer.byteLength(PAYLOAD)} bytes`);

  const refPort = await freePort();
  const reference = fork(path.resolve("bench/ingest-reference.ts"), [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, DATABASE_URL: databaseUrl(server.url, refDb), PORT: String(refPort) },
  });
  await new Promise<void>((resolve) => reference.once("message", () => resolve()));
  results.push(await measure("bare node:http + pg", `http://127.0.0.1:${refPort}/`, databaseUrl(server.url, refDb), "bench_reference"));
  await stop(reference);

  const hubPort = await freePort();
  const hub = spawn(process.execPath, [...process.execArgv, path.resolve("scripts/start.ts"), "start"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: databaseUrl(server.url, hubDb), PORT: String(hubPort), LINK_API_TOKEN: TOKEN, SALEBOT_PROJECT_ID: "777", LOG_LEVEL: "warn" },
  });
  await waitForHealth(`http://127.0.0.1:${hubPort}/api/health`, 300_000);
  results.push(await measure("hub (production server)", `http://127.0.0.1:${hubPort}/api/webhooks/salebot?token=${TOKEN}`, databaseUrl(server.url, hubDb), "salebot_messages"));
  await stop(hub);

  const [bare, hubResult] = results as [(typeof results)[number], (typeof results)[number]];
  const ratio = hubResult.rps / bare.rps;
  console.log("");
  console.log("| server | req/s | p50 ms | p99 ms | 2xx | rows stored | lost |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    console.log(`| ${r.name} | ${Math.round(r.rps)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.ok} | ${r.stored} | ${r.ok - r.stored} |`);
  }
  console.log("");
  console.log(`hub / bare = ${ratio.toFixed(2)} (target ≥ 0.50); hub p99 ${hubResult.p99.toFixed(1)} ms (target ≤ 50); lost ${hubResult.ok - hubResult.stored} (target 0)`);
  recordBenchFigures("ingest", [
    { metric: "Salebot webhooks/s, hub", value: `${Math.round(hubResult.rps)} (bare ${Math.round(bare.rps)})`, target: "≥ 0.5 × bare", met: ratio >= 0.5 },
    { metric: "hub / bare", value: ratio.toFixed(2), target: "≥ 0.50", met: ratio >= 0.5 },
    { metric: "webhook p99", value: `${hubResult.p99.toFixed(1)} ms`, target: "≤ 50 ms", met: hubResult.p99 <= 50 },
    { metric: "lost (2xx − rows)", value: String(hubResult.ok - hubResult.stored), target: "0", met: hubResult.ok === hubResult.stored },
  ]);
} finally {
  await adminQuery(server.url, `DROP DATABASE IF EXISTS "${refDb}" WITH (FORCE)`).catch(() => {});
  await adminQuery(server.url, `DROP DATABASE IF EXISTS "${hubDb}" WITH (FORCE)`).catch(() => {});
  await server.stop();
}
