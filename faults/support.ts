import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { POST as linkRoute } from "@/app/api/link/route";
import { GET as gcGet, POST as gcPost } from "@/app/api/webhooks/getcourse/route";
import { db } from "@/lib/db";
import { startWorkers } from "@/lib/jobs/workers";
import { TEST_GETCOURSE_WEBHOOK_TOKEN, TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import {
  FIELD_SALEBOT,
  FIELD_TELEGRAM,
  startSimulatedIntegrations,
  TEST_PROJECT_ID,
} from "@/lib/testing/simulated-integrations";

/** Shared by the fault tests: real hub processes, the simulators, load generators and polling. */
export type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;

/**
 * For a file whose hub runs in the test process: the simulators wired in and the job workers
 * started before its tests, the simulators closed after them. `hub.sims` is set once they run.
 */
export function simulatedHub(): { readonly sims: Sims } {
  const hub: { sims?: Sims } = {};
  beforeAll(async () => {
    hub.sims = await startSimulatedIntegrations();
    await startWorkers();
  });
  afterAll(async () => {
    await hub.sims?.close();
  });
  return {
    get sims(): Sims {
      if (!hub.sims) throw new Error("the simulators start in beforeAll; use them inside a test");
      return hub.sims;
    },
  };
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A scratch folder PostgreSQL (running as `postgres` when we are root) can enter. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  what = "condition",
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await pause(200);
  }
}

/** The configuration that points a hub process at the in-test simulators. */
export function simulatorEnv(sims: Sims): Record<string, string> {
  return {
    GETCOURSE_ACCOUNT_URL: sims.gcSim.url,
    GETCOURSE_API_KEY: sims.gcSim.apiKey,
    GETCOURSE_TECH_TOKEN: sims.gcSim.techToken,
    SALEBOT_API_URL: sims.sbSim.apiUrl,
    SALEBOT_API_KEY: sims.sbSim.apiKey,
    SALEBOT_PROJECT_ID: TEST_PROJECT_ID,
    HUB_ALLOW_PRIVATE_UPSTREAMS: "on",
  };
}

export type HubProcess = {
  port: number;
  child: ChildProcess;
  output: string[];
  kill(signal?: NodeJS.Signals): Promise<void>;
};

const running = new Set<ChildProcess>();

/** Kills what the tests started and did not stop (a failed test must not leave servers behind). */
export function killHubs(): void {
  for (const child of running) child.kill("SIGKILL");
}

/**
 * scripts/server.ts as production runs it, without Next (no build needed): the lean Salebot
 * webhook path, and with `workers` the job workers (HUB_WORKERS=on).
 */
export async function startHub(options: {
  databaseUrl: string;
  port?: number;
  spoolDir: string;
  workers: boolean;
  env?: Record<string, string>;
}): Promise<HubProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    ["--experimental-wasm-modules", "--no-warnings", "--import", "tsx", path.resolve("scripts/server.ts"), "start"],
    {
      env: {
        ...process.env,
        NODE_OPTIONS: "",
        NODE_ENV: "production",
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        HUB_NEXT: "off",
        HUB_WORKERS: options.workers ? "on" : "off",
        SPOOL_DIR: options.spoolDir,
        LINK_API_TOKEN: TEST_LINK_TOKEN,
        GETCOURSE_WEBHOOK_TOKEN: TEST_GETCOURSE_WEBHOOK_TOKEN,
        SALEBOT_PROJECT_ID: TEST_PROJECT_ID,
        LOG_LEVEL: "error",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (output.length > 50_000) output.splice(0, output.length - 50_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.once("exit", () => running.delete(child));
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      if (child.exitCode !== null || i > 600) throw new Error(`hub did not start:\n${output.slice(-20).join("\n")}`);
      await pause(50);
    }
  }
  return {
    port,
    child,
    output,
    async kill(signal = "SIGKILL") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A Salebot message webhook body (shared/docs/salebot-api.md §3). */
export function salebotBody(id: number, clientId = 9000 + (id % 7)): string {
  return JSON.stringify({
    id,
    client: { id: clientId, recepient: String(clientId), client_type: 1, group: "bot" },
    message: `m${id}`,
    project_id: Number(TEST_PROJECT_ID),
    is_input: 1,
  });
}

export async function postSalebot(port: number, id: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/webhooks/salebot?token=${TEST_LINK_TOKEN}`, {
    method: "POST",
    body: salebotBody(id),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Keeps `concurrency` senders posting fresh Salebot webhooks until stopped; records every 200. */
export function salebotLoad(port: () => number, concurrency = 8, firstId = 1) {
  const acknowledged: number[] = [];
  let nextId = firstId;
  let stopped = false;
  const workers = Array.from({ length: concurrency }, async () => {
    while (!stopped) {
      const id = nextId++;
      try {
        if ((await postSalebot(port(), id)) === 200) acknowledged.push(id);
      } catch {
        await pause(20);
      }
    }
  });
  return {
    acknowledged,
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}

export async function storedSalebotIds(): Promise<Set<number>> {
  const rows = await db.salebotMessage.findMany({ select: { messageId: true } });
  return new Set(rows.map((row) => Number(row.messageId)));
}

let nextCustomer = 10_000 + Math.floor(Math.random() * 1_000) * 100;

/** A GC user with both custom fields and a Salebot client: a customer ready to link. */
export function customer(sims: Sims) {
  const id = nextCustomer++;
  const email = `fault${id}@school.test`;
  sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id, platformId: String(5_000_000 + id) });
  return { email, telegram_id: String(5_000_000 + id), sb_id: String(id) };
}
export type Customer = ReturnType<typeof customer>;

export type LinkAnswer = { status: number; success?: boolean; error?: string };

/** POST /api/link through the route handler, as a Salebot block calls it. */
export async function requestLink(c: Customer): Promise<LinkAnswer> {
  const response = await linkRoute(
    new Request("http://hub.test/api/link", {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_LINK_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(c),
    }),
  );
  const body = (await response.json().catch(() => ({}))) as { success?: boolean; error?: string };
  return { status: response.status, success: body.success, error: body.error };
}

/** GetCourse process «Вызвать URL»: a GET with the order in the query. */
export async function gcProcessCall(params: Record<string, string>): Promise<number> {
  const query = new URLSearchParams({ token: TEST_GETCOURSE_WEBHOOK_TOKEN, ...params });
  const response = await gcGet(new Request(`http://hub.test/api/webhooks/getcourse?${query}`));
  await response.arrayBuffer();
  return response.status;
}

/** GetCourse Tech API deal webhook (JSON, optionally wrapped as {"json": …}). */
export async function gcTechCall(body: unknown): Promise<number> {
  const response = await gcPost(
    new Request("http://hub.test/api/webhooks/getcourse", {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_GETCOURSE_WEBHOOK_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  await response.arrayBuffer();
  return response.status;
}

/** The Salebot callbacks a client received (the simulator records them as messageFromOutside 3). */
export function callbacksOf(sims: Sims, clientId: string | number): number {
  return sims.sbSim.state.client(Number(clientId))?.history.filter((item) => item.messageFromOutside === 3).length ?? 0;
}

/**
 * `save_variables` calls for a client carrying the link's keys, from call number `from` on (the
 * simulator records failed calls too, so count from the moment the faults were cleared).
 */
export function linkVariableWrites(sims: Sims, clientId: string, from = 0): number {
  return sims.sbSim.calls
    .slice(from)
    .filter(
      (call) =>
        call.path.endsWith("/save_variables") &&
        String(call.params.client_id) === clientId &&
        JSON.stringify(call.params.variables ?? {}).includes("gc_user_id"),
    ).length;
}
