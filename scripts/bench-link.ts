// npm run bench:link: the production server on a fresh database, against the GetCourse and
// Salebot simulators with added latency, driven with unique link requests over keep-alive
// connections. Prints throughput, client-side latency and the hub's own overhead (client total
// minus the upstream time the server reports in Server-Timing), then checks the stored links.
// Exits non-zero only when the harness itself fails (a missed target is just reported).
import { fork, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { closedLoop, keepAliveAgent, ms, openLoop, percentile, request, sortedOf } from "../bench/load";
import {
  cpuSnapshot,
  type CpuParts,
  freePort,
  postmasterPid,
  type ProcStat,
  readProcesses,
  RssSampler,
  stopChild,
  waitForHealth,
} from "../bench/proc";
import { recordBenchFigures } from "../bench/summary";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startDatabase } from "../lib/cli/database-server";
import { parseServerTiming } from "../lib/observability/upstream-timing";
import { adminQuery, databaseUrl } from "../lib/testing/test-server";
import {
  benchCustomer,
  type BenchSimulatorInfo,
  type BenchSimulatorOptions,
  type BenchSimulatorStats,
  type FromSimulators,
  startBenchSimulators,
  type ToSimulators,
} from "./bench-link-simulators";

const TARGET_LINKS_PER_SECOND = 300;
const TARGET_OVERHEAD_P50_MS = 5;
const TARGET_RSS_MIB = 400;
const LIGHT_DURATION_S = 5;
/** The whole run, build included, stays bounded even when something hangs. */
const HARD_DEADLINE_MS = 180_000;
const BUILD_TIMEOUT_MS = 100_000;
const READY_TIMEOUT_MS = 60_000;

const HELP = `npm run bench:link -- [options]
  --concurrency N   requests in flight in the saturation phase (default 96)
  --duration S      seconds of the saturation phase (closed loop; gives links/s; default 15)
  --rate N          links/s of the open-loop phase that follows (default 300 = the target; 0 skips it)
  --rate-duration S seconds of the open-loop phase (default 10)
  --light-rate N    links/s of a light-load phase before saturation: the hub's own overhead with no
                    queue in front of it (default 50; 0 skips it); 5 s
  --users N         seeded customers = unique link requests available (default 12000)
  --warmup N        warm-up links, not measured (default 400)
  --gc-latency MS   latency added to every GetCourse call (default 50)
  --sb-latency MS   latency added to every Salebot call (default 50; 0 = none)
  --sims MODE       fork (own process, default) or inline (in the load generator's process)
  --build MODE      auto (when sources are newer than .next/BUILD_ID, default), always, never
  --profile         write a CPU profile of the server to .data/bench-link/profiles`;

// ---------------------------------------------------------------------------------------------
// Options

const { values: args } = parseArgs({
  options: {
    concurrency: { type: "string", default: "96" },
    duration: { type: "string", default: "15" },
    rate: { type: "string", default: "300" },
    "rate-duration": { type: "string", default: "10" },
    "light-rate": { type: "string", default: "50" },
    users: { type: "string", default: "12000" },
    warmup: { type: "string", default: "400" },
    "gc-latency": { type: "string", default: "50" },
    "sb-latency": { type: "string", default: "50" },
    sims: { type: "string", default: "fork" },
    build: { type: "string", default: "auto" },
    profile: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (args.help) {
  console.log(HELP);
  process.exit(0);
}

function wholeNumber(name: string, value: string | undefined, min: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) fail(`--${name} must be a whole number ≥ ${min} (got "${value}")`);
  return parsed;
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  const found = allowed.find((option) => option === value);
  if (!found) fail(`--${name} must be one of ${allowed.join(", ")} (got "${value}")`);
  return found;
}

function fail(message: string): never {
  console.error(`bench:link: ${message}`);
  process.exit(1);
}

const options = {
  concurrency: wholeNumber("concurrency", args.concurrency, 1),
  durationS: wholeNumber("duration", args.duration, 1),
  rate: wholeNumber("rate", args.rate, 0),
  rateDurationS: wholeNumber("rate-duration", args["rate-duration"], 1),
  lightRate: wholeNumber("light-rate", args["light-rate"], 0),
  users: wholeNumber("users", args.users, 1),
  warmup: wholeNumber("warmup", args.warmup, 0),
  gcLatencyMs: wholeNumber("gc-latency", args["gc-latency"], 0),
  sbLatencyMs: wholeNumber("sb-latency", args["sb-latency"], 0),
  sims: oneOf("sims", args.sims, ["fork", "inline"] as const),
  build: oneOf("build", args.build, ["auto", "always", "never"] as const),
  profile: args.profile ?? false,
};
if (options.warmup >= options.users)
  fail("--users must be larger than --warmup: every link request uses a new customer");

const workDir = path.resolve(".data/bench-link");
mkdirSync(workDir, { recursive: true });
const serverLog = path.join(workDir, "server.log");
writeFileSync(serverLog, "");
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const step = (message: string) => console.log(`[${elapsed()}] ${message}`);

// ---------------------------------------------------------------------------------------------
// Clean-up: everything started registers how to stop it; stopped in reverse order, once.

const stoppers: { name: string; stop: () => Promise<void> }[] = [];
let cleaning: Promise<void> | undefined;

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const { name, stop } of stoppers.reverse()) {
      await stop().catch((error: unknown) => console.error(`bench:link: stopping ${name} failed: ${String(error)}`));
    }
  })();
  return cleaning;
}

async function finish(code: number): Promise<never> {
  await cleanUp();
  process.exit(code);
}

process.on("SIGINT", () => void finish(130));
process.on("SIGTERM", () => void finish(143));
const deadline = setTimeout(() => {
  console.error(`bench:link: gave up after ${HARD_DEADLINE_MS / 1000} s`);
  void finish(1);
}, HARD_DEADLINE_MS);
deadline.unref();

// ---------------------------------------------------------------------------------------------
// Simulators

type SimulatorHandle = { info: BenchSimulatorInfo; pid: number | undefined; stats(): Promise<BenchSimulatorStats> };

async function forkSimulators(simOptions: BenchSimulatorOptions): Promise<SimulatorHandle> {
  const child = fork(path.resolve("scripts/bench-link-simulators.ts"), ["--child"], {
    env: {
      ...process.env,
      BENCH_USERS: String(simOptions.users),
      BENCH_GC_LATENCY_MS: String(simOptions.gcLatencyMs),
      BENCH_SB_LATENCY_MS: String(simOptions.sbLatencyMs),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  stoppers.push({
    name: "simulators",
    stop: () => stopChild(child, () => child.send({ type: "stop" } satisfies ToSimulators)),
  });
  const next = <K extends FromSimulators["type"]>(type: K) =>
    new Promise<Extract<FromSimulators, { type: K }>>((resolve, reject) => {
      const onMessage = (message: FromSimulators) => {
        if (message.type === "error") reject(new Error(`simulators: ${message.message}`));
        else if (message.type === type) resolve(message as Extract<FromSimulators, { type: K }>);
        else return;
        child.off("message", onMessage);
        child.off("exit", onExit);
      };
      const onExit = (code: number | null) => reject(new Error(`the simulator process exited (${code})`));
      child.on("message", onMessage);
      child.once("exit", onExit);
    });
  const { info } = await next("ready");
  return {
    info,
    pid: child.pid,
    stats: async () => {
      const answer = next("stats");
      child.send({ type: "stats" } satisfies ToSimulators);
      return (await answer).stats;
    },
  };
}

async function inlineSimulators(simOptions: BenchSimulatorOptions): Promise<SimulatorHandle> {
  const sims = await startBenchSimulators(simOptions);
  stoppers.push({ name: "simulators", stop: () => sims.close() });
  return { info: sims.info, pid: undefined, stats: async () => sims.stats() };
}

// ---------------------------------------------------------------------------------------------
// Build

/** Anything that goes into the production build; tests do not. */
const BUILD_INPUTS = [
  "app",
  "lib",
  "components",
  "instrumentation.ts",
  "middleware.ts",
  "proxy.ts",
  "next.config.mjs",
  "next.config.ts",
  "package.json",
  "tsconfig.json",
  "postcss.config.mjs",
];

function newestInput(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(entry) ? 0 : stat.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(entry)) {
    if (name === "node_modules") continue;
    newest = Math.max(newest, newestInput(path.join(entry, name)));
  }
  return newest;
}

function buildReason(): string | null {
  const buildId = path.resolve(".next/BUILD_ID");
  if (options.build === "never") return null;
  if (options.build === "always") return "--build always";
  if (!existsSync(buildId)) return "no production build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const newest = Math.max(...BUILD_INPUTS.map((entry) => newestInput(path.resolve(entry))));
  return newest > builtAt ? "sources changed since the last build" : null;
}

function runLogged(command: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<number> {
  const out = openSync(serverLog, "a");
  const child = spawn(process.execPath, command, { env, stdio: ["ignore", out, out], detached: true });
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, "SIGKILL"), timeoutMs);
  stoppers.push({ name: "build", stop: () => stopChild(child, () => child.kill("SIGTERM"), true) });
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    }),
  );
}

/** The log from `offset` on (what one step wrote), its last lines. */
function tailOfLog(offset = 0, lines = 30): string {
  try {
    return readFileSync(serverLog).subarray(offset).toString("utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

const logSize = () => (existsSync(serverLog) ? statSync(serverLog).size : 0);

/**
 * Compile, then generate: `next build` without its type check, so the measurement does not depend
 * on the whole tree type-checking (npm run typecheck does that; the output is the same). The
 * folder is shared: when someone else's build holds Next's lock, wait for it and look again.
 */
async function buildIfNeeded(env: NodeJS.ProcessEnv): Promise<void> {
  const nextBin = path.resolve("node_modules/next/dist/bin/next");
  const until = Date.now() + BUILD_TIMEOUT_MS;
  let announced = false;
  for (let reason = buildReason(); reason; reason = buildReason()) {
    if (!announced) step(`building (${reason}); output in ${path.relative(process.cwd(), serverLog)}`);
    announced = true;
    let busy = false;
    for (const mode of ["compile", "generate"]) {
      const offset = logSize();
      const code = await runLogged(
        [nextBin, "build", `--experimental-build-mode=${mode}`],
        env,
        Math.max(1_000, until - Date.now()),
      );
      if (code === 0) continue;
      const output = tailOfLog(offset);
      busy = output.includes("Another next build process is already running");
      if (!busy || Date.now() > until) throw new Error(`the build (${mode}) failed (exit ${code}):\n${output}`);
      break;
    }
    if (!busy) return step("built");
    step("another build holds .next; waiting for it");
    await new Promise((resolve) => setTimeout(resolve, 3_000));
  }
  if (announced) step("someone else's build is current; using it");
}

// ---------------------------------------------------------------------------------------------
// Load

type Sample = {
  sbId: string;
  totalMs: number;
  upstreamMs: number | undefined;
  appMs: number | undefined;
  outcome: string;
};

type Phase = { samples: Sample[]; elapsedMs: number; nextCustomer: number };

type Target = { port: number; token: string; agent: http.Agent };

/** One link request for a customer never linked before; latency counted from `since`. */
async function linkOnce(target: Target, customer: number, since: number): Promise<Sample> {
  const headers = { "content-type": "application/json", authorization: `Bearer ${target.token}` };
  let outcome: string;
  let timing: { upstreamMs?: number; appMs?: number } = {};
  const body = benchCustomer(customer);
  try {
    const answer = await request(target.agent, {
      port: target.port,
      method: "POST",
      path: "/api/link",
      headers,
      body: JSON.stringify(body),
    });
    const serverTiming = answer.headers["server-timing"];
    timing = parseServerTiming(Array.isArray(serverTiming) ? serverTiming.join(", ") : serverTiming);
    outcome = outcomeOf(answer);
  } catch {
    outcome = "transport_error";
  }
  return {
    sbId: body.sb_id,
    totalMs: performance.now() - since,
    upstreamMs: timing.upstreamMs,
    appMs: timing.appMs,
    outcome,
  };
}

/** Closed loop: `concurrency` in flight, each link a customer not used before, until time or customers run out. */
async function saturate(
  target: Target,
  from: number,
  to: number,
  concurrency: number,
  durationMs: number,
): Promise<Phase> {
  const run = await closedLoop({
    connections: concurrency,
    durationMs,
    limit: to - from,
    send: (i, since) => linkOnce(target, from + i, since),
  });
  return { samples: run.samples, elapsedMs: run.elapsedMs, nextCustomer: from + run.sent };
}

/** Open loop at `perSecond`: a server that falls behind shows it in latency. */
async function atRate(target: Target, from: number, to: number, perSecond: number, durationMs: number): Promise<Phase> {
  const run = await openLoop({
    rate: perSecond,
    durationMs,
    limit: to - from,
    send: (i, scheduled) => linkOnce(target, from + i, scheduled),
  });
  return { samples: run.samples, elapsedMs: run.elapsedMs, nextCustomer: from + run.sent };
}

function outcomeOf(answer: { status: number; text: string }): string {
  try {
    const body = JSON.parse(answer.text) as { success?: unknown; error?: unknown };
    if (answer.status === 200 && body.success === true) return "ok";
    return typeof body.error === "string" ? body.error : `http_${answer.status}`;
  } catch {
    return `http_${answer.status}`;
  }
}

// ---------------------------------------------------------------------------------------------
// Report

type Figures = { okCount: number; linksPerSecond: number; overheadP50: number; cells: string[] };

/** The column of one phase, in the order of ROW_NAMES. */
function figuresOf(phase: Phase): Figures {
  const { samples, elapsedMs } = phase;
  const ok = samples.filter((sample) => sample.outcome === "ok");
  const errors = new Map<string, number>();
  for (const sample of samples)
    if (sample.outcome !== "ok") errors.set(sample.outcome, (errors.get(sample.outcome) ?? 0) + 1);
  const linksPerSecond = ok.length / (elapsedMs / 1000);
  const total = sortedOf(samples.map((sample) => sample.totalMs));
  const timed = ok.filter((sample) => sample.upstreamMs !== undefined && sample.appMs !== undefined);
  const upstream = sortedOf(timed.map((sample) => sample.upstreamMs ?? 0));
  const overhead = sortedOf(timed.map((sample) => sample.totalMs - (sample.upstreamMs ?? 0)));
  const inHandler = sortedOf(timed.map((sample) => (sample.appMs ?? 0) - (sample.upstreamMs ?? 0)));
  const outside = sortedOf(timed.map((sample) => sample.totalMs - (sample.appMs ?? 0)));
  const pair = (sorted: number[]) => `${ms(percentile(sorted, 50))} / ${ms(percentile(sorted, 99))}`;
  return {
    okCount: ok.length,
    linksPerSecond,
    overheadP50: percentile(overhead, 50),
    cells: [
      String(samples.length),
      String(ok.length),
      errors.size === 0 ? "none" : [...errors].map(([code, count]) => `${code} ${count}`).join(", "),
      linksPerSecond.toFixed(1),
      `${ms(percentile(total, 50))} / ${ms(percentile(total, 95))} / ${ms(percentile(total, 99))}`,
      pair(upstream),
      pair(overhead),
      pair(inHandler),
      pair(outside),
    ],
  };
}

const ROW_NAMES = [
  "requests",
  "ok (success:true)",
  "errors by code",
  "links/s",
  "latency p50 / p95 / p99 ms",
  "upstream p50 / p99 ms",
  "hub overhead p50 / p99 ms",
  "  in handler (app − upstream)",
  "  outside (total − app)",
];

function printTable(headers: string[], rows: string[][]): void {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join("  ")}`.trimEnd();
  console.log(line(headers));
  console.log(line(widths.map((width) => "-".repeat(width))));
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------
// The check of what was stored

/** Answers after which the link may or may not exist: the queue goes on (gc_unavailable), or no verdict came. */
const OPEN_ANSWERS = new Set(["gc_unavailable", "transport_error", "internal_error"]);

type StoredCheck = { consistent: boolean; line: string; problems: string[] };

/**
 * Customer by customer, the links table against the answers and the attempt log. A stored link is
 * one GetCourse write, logged with its user id (a success, or Salebot queued), so the log's
 * clients with a gc_user_id are exactly the rows of links. Every `success: true` has its row; a
 * client answered gc_unavailable may have one later, made by the retry queue (the bench sees that
 * while it runs: the "906 ≠ 904" of a swamped run), as may one whose answer never came; no other
 * answer leaves a row.
 */
async function storedVersusAnswered(url: string, phases: Phase[]): Promise<StoredCheck> {
  const answers = new Map<string, string>();
  for (const phase of phases) for (const sample of phase.samples) answers.set(sample.sbId, sample.outcome);
  // One statement, one snapshot of both tables.
  const [tables] = (
    await adminQuery(
      url,
      `SELECT ARRAY(SELECT sb_client_id FROM links) AS linked,
              ARRAY(SELECT DISTINCT sb_client_id FROM link_attempts WHERE gc_user_id IS NOT NULL) AS logged`,
    )
  ).rows as { linked: string[]; logged: string[] }[];
  const linked = new Set(tables?.linked ?? []);
  const logged = new Set(tables?.logged ?? []);
  const problems: string[] = [];
  const list = (ids: string[]) => `${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ` … (${ids.length})` : ""}`;
  const okWithoutRow = [...answers].filter(([id, outcome]) => outcome === "ok" && !linked.has(id)).map(([id]) => id);
  if (okWithoutRow.length > 0) problems.push(`answered success without a row in links: ${list(okWithoutRow)}`);
  const rowWithoutLog = [...linked].filter((id) => !logged.has(id));
  if (rowWithoutLog.length > 0) problems.push(`rows in links without a logged GetCourse write: ${list(rowWithoutLog)}`);
  const logWithoutRow = [...logged].filter((id) => !linked.has(id));
  if (logWithoutRow.length > 0) problems.push(`logged GetCourse writes without a row in links: ${list(logWithoutRow)}`);
  const unexplained = [...linked].filter((id) => {
    const outcome = answers.get(id);
    return outcome === undefined || (outcome !== "ok" && !OPEN_ANSWERS.has(outcome));
  });
  if (unexplained.length > 0)
    problems.push(`rows in links for clients not linked by their answer: ${list(unexplained)}`);
  const ok = [...answers.values()].filter((outcome) => outcome === "ok").length;
  const byQueue = [...answers].filter(([id, outcome]) => outcome === "gc_unavailable" && linked.has(id)).length;
  const noVerdict = [...answers].filter(
    ([id, outcome]) => outcome !== "gc_unavailable" && OPEN_ANSWERS.has(outcome) && linked.has(id),
  ).length;
  const parts = [
    `successful answers ${ok}`,
    ...(byQueue > 0 ? [`${byQueue} answered gc_unavailable, linked later by the retry queue`] : []),
    ...(noVerdict > 0 ? [`${noVerdict} without a verdict (transport/internal errors)`] : []),
  ];
  const line = `rows in links ${linked.size} = ${parts.join(" + ")} (all phases, client by client; links = logged GetCourse writes)`;
  return { consistent: problems.length === 0 && linked.size === ok + byQueue + noVerdict, line, problems };
}

// ---------------------------------------------------------------------------------------------
// The run

async function main(): Promise<number> {
  const simOptions: BenchSimulatorOptions = {
    users: options.users,
    gcLatencyMs: options.gcLatencyMs,
    sbLatencyMs: options.sbLatencyMs,
  };
  step(`starting the simulators (${options.sims === "fork" ? "own process" : "inline"}), ${options.users} customers`);
  const sims = options.sims === "fork" ? await forkSimulators(simOptions) : await inlineSimulators(simOptions);

  // A database of its own on the bench's embedded server (or DATABASE_URL's), dropped at the end.
  const dbServer = await startDatabase({
    dataDir: path.resolve(".data/bench-pg"),
    port: 54600,
    database: "postgres",
    quiet: true,
  });
  stoppers.push({ name: "database server", stop: () => dbServer.stop() });
  const database = `hub_bench_${Date.now()}`;
  await adminQuery(dbServer.url, `CREATE DATABASE "${database}"`);
  stoppers.push({
    name: "bench database",
    stop: async () => void (await adminQuery(dbServer.url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)),
  });
  const url = databaseUrl(dbServer.url, database);
  // Migrated by the server's own start-up (scripts/start.ts), as a real install is.
  step(`database ${database} created`);

  const port = await freePort();
  const token = randomBytes(24).toString("base64url");
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: url,
    PORT: String(port),
    APP_URL: `http://127.0.0.1:${port}`,
    AUTH_SECRET: randomBytes(24).toString("base64url"),
    LINK_API_TOKEN: token,
    READ_API_TOKEN: randomBytes(24).toString("base64url"),
    HUB_ALLOW_PRIVATE_UPSTREAMS: "on",
    GETCOURSE_ACCOUNT_URL: sims.info.gc.url,
    GETCOURSE_API_KEY: sims.info.gc.apiKey,
    GETCOURSE_TECH_TOKEN: sims.info.gc.techToken,
    SALEBOT_API_URL: sims.info.sb.apiUrl,
    SALEBOT_API_KEY: sims.info.sb.apiKey,
    SALEBOT_PROJECT_ID: sims.info.projectId,
  };

  await buildIfNeeded(serverEnv);

  const profileDir = path.join(workDir, "profiles");
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const serverLogStart = logSize();
  const out = openSync(serverLog, "a");
  // As a flag of start.ts the profiler reaches the server process, which start.ts spawns with its
  // own node flags (NODE_OPTIONS would not do: Next and tools read it too).
  const profiling = options.profile
    ? [`--import=${pathToFileURL(path.resolve("scripts/bench-link-profiler.mjs")).href}`]
    : [];
  const server = spawn(
    process.execPath,
    [...process.execArgv, ...profiling, path.resolve("scripts/start.ts"), "start"],
    {
      env: options.profile ? { ...serverEnv, BENCH_PROFILE_DIR: profileDir } : serverEnv,
      stdio: ["ignore", out, out],
      detached: true,
    },
  );
  const stopServer = () => stopChild(server, () => server.kill("SIGTERM"), true);
  stoppers.push({ name: "server", stop: stopServer });
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, READY_TIMEOUT_MS, server).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${tailOfLog(serverLogStart)}`);
  });
  step(`server ready on 127.0.0.1:${port} (HUB_WORKERS ${process.env.HUB_WORKERS === "off" ? "off" : "on"})`);

  // Sockets for the open-loop phase too, where a lagging server means more requests in flight.
  const agent = keepAliveAgent();
  const rss = new RssSampler(server.pid ?? 0);
  stoppers.push({ name: "memory sampler", stop: async () => rss.stop() });
  const target: Target = { port, token, agent };
  const warm = await saturate(target, 0, options.warmup, options.concurrency, Number.POSITIVE_INFINITY);
  step(`warmed up: ${warm.samples.filter((sample) => sample.outcome === "ok").length}/${warm.samples.length} ok`);

  let light: Phase | undefined;
  if (options.lightRate > 0) {
    step(`light load: ${options.lightRate} links/s for ${LIGHT_DURATION_S} s`);
    light = await atRate(target, warm.nextCustomer, options.users, options.lightRate, LIGHT_DURATION_S * 1000);
  }

  step(`saturation: ${options.concurrency} in flight for ${options.durationS} s`);
  const pgPid = dbServer.embedded ? postmasterPid(path.resolve(".data/bench-pg")) : undefined;
  const cpuParts: CpuParts = [
    { name: "hub server", owns: (proc) => proc.pgrp === server.pid },
    ...(sims.pid === undefined ? [] : [{ name: "simulators", owns: (proc: ProcStat) => proc.pid === sims.pid }]),
    ...(pgPid === undefined
      ? []
      : [{ name: "PostgreSQL", owns: (proc: ProcStat) => proc.pid === pgPid || proc.ppid === pgPid }]),
    {
      name: sims.pid === undefined ? "load generator + simulators" : "load generator",
      owns: (proc) => proc.pid === process.pid,
    },
  ];
  const cpuBefore = cpuSnapshot(cpuParts);
  rss.takePeak();
  const saturation = await saturate(
    target,
    (light ?? warm).nextCustomer,
    options.users,
    options.concurrency,
    options.durationS * 1000,
  );
  const saturationRss = rss.takePeak();
  const cpuAfter = cpuSnapshot(cpuParts);
  if (options.profile) {
    // The profile covers start-up, warm-up and the saturation phase (see bench-link-profiler.mjs).
    const signalled = readProcesses().filter((proc) => proc.pgrp === server.pid && proc.pid !== server.pid);
    for (const proc of signalled) process.kill(proc.pid, "SIGUSR2");
    // Serialising a profile of a busy minute takes a moment; the server must not be stopped first.
    const expected = signalled.map((proc) => path.join(profileDir, `server-${proc.pid}.cpuprofile`));
    for (let waited = 0; waited < 15_000 && !expected.every((file) => existsSync(file)); waited += 250) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  const phases: Phase[] = [warm, ...(light ? [light] : []), saturation];
  const capacity = figuresOf(saturation).linksPerSecond;
  // Overhead means something only below capacity: past it, requests just queue. So the open loop
  // runs at the target rate, or at 80 % of what the saturation phase reached when that is less.
  const rate = Math.max(1, Math.min(options.rate, Math.floor(capacity * 0.8)));
  let steady: Phase | undefined;
  if (options.rate > 0) {
    // A moment for the pool and the event loop to drain before the open-loop phase starts.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    step(
      `open loop: ${rate} links/s for ${options.rateDurationS} s${rate < options.rate ? ` (80 % of the ${capacity.toFixed(0)} links/s reached, below --rate ${options.rate})` : ""}`,
    );
    rss.takePeak();
    steady = await atRate(target, saturation.nextCustomer, options.users, rate, options.rateDurationS * 1000);
    phases.push(steady);
  }
  const openRss = steady ? rss.takePeak() : 0;
  agent.destroy();
  const last = phases[phases.length - 1];
  if (last && last.nextCustomer >= options.users) step("ran out of customers before the time was up (raise --users)");

  const sentAll = phases.reduce((sum, phase) => sum + phase.samples.length, 0);
  const rssNow = rss.now();
  rss.stop();
  // Stopped before the check (gracefully: running links and jobs finish), so no retry is caught
  // between storing its link and logging its attempt while the tables are read.
  await stopServer();
  const stored = await storedVersusAnswered(url, phases);
  const attemptRows = (
    await adminQuery(
      url,
      "SELECT outcome::text AS outcome, count(*)::int AS n FROM link_attempts GROUP BY 1 ORDER BY 1",
    )
  ).rows as { outcome: string; n: number }[];
  const stats = await sims.stats();

  const sat = figuresOf(saturation);
  const open = steady ? figuresOf(steady) : undefined;
  const calm = light ? figuresOf(light) : undefined;
  const verdict = (met: boolean) => (met ? "met" : "MISSED");
  const overheadFrom = open ?? sat;
  const targets = ROW_NAMES.map(() => "");
  targets[3] = `≥ ${TARGET_LINKS_PER_SECOND}: ${verdict(sat.linksPerSecond >= TARGET_LINKS_PER_SECOND)} (saturation)`;
  const overheadMet = overheadFrom.overheadP50 <= TARGET_OVERHEAD_P50_MS;
  targets[6] = `p50 ≤ ${TARGET_OVERHEAD_P50_MS}: ${open && rate < options.rate && overheadMet ? `met at ${rate}/s only` : verdict(overheadMet)}${open ? ` (open loop)` : ""}`;

  const consistent = stored.consistent;
  recordBenchFigures("link", [
    {
      metric: "links/s (saturation)",
      value: sat.linksPerSecond.toFixed(1),
      target: `≥ ${TARGET_LINKS_PER_SECOND}`,
      met: sat.linksPerSecond >= TARGET_LINKS_PER_SECOND,
    },
    {
      metric: `hub overhead p50 (${open ? `open loop ${rate}/s` : "saturation"})`,
      value: `${overheadFrom.overheadP50.toFixed(1)} ms`,
      target: `≤ ${TARGET_OVERHEAD_P50_MS} ms`,
      met: overheadMet,
    },
    ...(calm
      ? [
          {
            metric: `hub overhead p50 (light load ${options.lightRate}/s, no queue)`,
            value: `${calm.overheadP50.toFixed(1)} ms`,
            target: "for reference",
            met: null,
          },
        ]
      : []),
    { metric: "links stored = successful answers", value: consistent ? "yes" : "no", target: "yes", met: consistent },
    {
      metric: "server RSS peak (saturation, open loop)",
      value: `${Math.round(saturationRss)}, ${Math.round(openRss)} MiB`,
      target: `≤ ${TARGET_RSS_MIB} MiB`,
      met: Math.max(saturationRss, openRss) <= TARGET_RSS_MIB,
    },
  ]);
  console.log("");
  console.log("bench:link: POST /api/link, production server (npm start), fresh database");
  console.log(
    `  GC simulator +${options.gcLatencyMs} ms on every call, SB simulator ${options.sbLatencyMs > 0 ? `+${options.sbLatencyMs} ms on every call` : "no added latency"}, ` +
      `simulators ${options.sims === "fork" ? "in their own process" : "in the load generator's process"}; ` +
      `${options.warmup} warm-up links; every request a new customer; keep-alive; ${os.cpus().length} CPUs`,
  );
  console.log("");
  printTable(
    [
      "",
      ...(light && calm ? [`light load: ${options.lightRate}/s, ${(light.elapsedMs / 1000).toFixed(1)} s`] : []),
      `saturation: ${options.concurrency} in flight, ${(saturation.elapsedMs / 1000).toFixed(1)} s`,
      ...(steady ? [`open loop: ${rate}/s, ${(steady.elapsedMs / 1000).toFixed(1)} s`] : []),
      "target",
    ],
    ROW_NAMES.map((name, row) => [
      name,
      ...(calm ? [calm.cells[row] ?? ""] : []),
      sat.cells[row] ?? "",
      ...(open ? [open.cells[row] ?? ""] : []),
      targets[row] ?? "",
    ]),
  );
  console.log("");
  console.log(
    `  overhead = client total − upstream (Server-Timing: wall time with a GC/SB call in flight); "in handler" = app − upstream, "outside" = total − app`,
  );
  const satLinks = Math.max(1, sat.okCount);
  const cpuPerLink = cpuParts.map((part) => ({
    name: part.name,
    ms: ((cpuAfter.get(part.name) ?? 0) - (cpuBefore.get(part.name) ?? 0)) / satLinks,
  }));
  const cpuTotal = cpuPerLink.reduce((sum, part) => sum + part.ms, 0);
  if (cpuTotal > 0) {
    console.log(
      `  CPU per link (saturation): ${cpuPerLink.map((part) => `${part.name} ${part.ms.toFixed(2)} ms`).join(", ")}; ` +
        `all ${cpuTotal.toFixed(2)} ms → at most ~${Math.round((os.cpus().length * 1000) / cpuTotal)} links/s on ${os.cpus().length} idle CPUs, ` +
        `~${Math.round(1000 / Math.max(0.01, cpuPerLink[0]?.ms ?? 0))} links/s for the server's one event loop`,
    );
  }
  console.log(
    `  server RSS peak: saturation ${Math.round(saturationRss)} MiB, open loop ${Math.round(openRss)} MiB (target ≤ ${TARGET_RSS_MIB}); at the end ${Math.round(rssNow)} MiB`,
  );
  console.log(
    `  outbound calls per link: GC ${(stats.gcCalls / Math.max(1, sentAll)).toFixed(2)}, SB ${(stats.sbCalls / Math.max(1, sentAll)).toFixed(2)}; Salebot clients holding gc_user_id: ${stats.sbLinkedClients}`,
  );
  console.log(
    `  link_attempts by outcome: ${attemptRows.map((row) => `${row.outcome} ${row.n}`).join(", ") || "none"}`,
  );
  console.log(`  check: ${stored.line}  ${consistent ? "ok" : "MISMATCH"}`);
  for (const problem of stored.problems) console.log(`    ${problem}`);
  if (options.profile)
    console.log(
      `  CPU profile of the server (start-up to the end of saturation): ${path.relative(process.cwd(), profileDir)}/server-*.cpuprofile`,
    );
  console.log("");
  return consistent ? 0 : 1;
}

try {
  const code = await main();
  step("stopping");
  await finish(code);
} catch (error) {
  console.error(`bench:link: ${error instanceof Error ? error.message : String(error)}`);
  await finish(1);
}
