// The GetCourse and Salebot simulators for `npm run bench:link`, seeded with N ready-to-link
// customers and slowed down by a latency fault. The benchmark forks this file into a process of its
// own (so the simulators and the load generator do not share an event loop), or imports
// `startBenchSimulators` to run them inline.
import { startGetCourseSimulator } from "../lib/simulators/getcourse/simulator";
import { startSalebotSimulator } from "../lib/simulators/salebot/simulator";

export const BENCH_PROJECT_ID = "777";
export const BENCH_FIELDS = { telegram: "telegram_id", salebot: `sb_${BENCH_PROJECT_ID}_id` } as const;

export type BenchSimulatorOptions = { users: number; gcLatencyMs: number; sbLatencyMs: number };

/** One customer: a GC user with both custom fields (empty) and the matching Salebot client. */
export type BenchCustomer = { email: string; telegram_id: string; sb_id: string };

export function benchCustomer(index: number): BenchCustomer {
  return {
    email: `bench${index}@school.test`,
    telegram_id: String(7_000_000 + index),
    sb_id: String(2_000_000 + index),
  };
}

export type BenchSimulatorInfo = {
  gc: { url: string; apiKey: string; techToken: string };
  sb: { apiUrl: string; apiKey: string };
  projectId: string;
};

/** What the simulators served, counted before their request logs are trimmed. */
export type BenchSimulatorStats = { gcCalls: number; sbCalls: number; sbLinkedClients: number };

/** Messages between the benchmark and the forked simulator process. */
export type ToSimulators = { type: "stats" } | { type: "stop" };
export type FromSimulators =
  | { type: "ready"; info: BenchSimulatorInfo }
  | { type: "stats"; stats: BenchSimulatorStats }
  | { type: "error"; message: string };

export type BenchSimulators = {
  info: BenchSimulatorInfo;
  stats(): BenchSimulatorStats;
  close(): Promise<void>;
};

export async function startBenchSimulators(options: BenchSimulatorOptions): Promise<BenchSimulators> {
  const gcSim = await startGetCourseSimulator();
  const sbSim = await startSalebotSimulator({ projectId: Number(BENCH_PROJECT_ID) });
  gcSim.state.addField({ title: BENCH_FIELDS.telegram });
  gcSim.state.addField({ title: BENCH_FIELDS.salebot });
  for (let index = 0; index < options.users; index++) {
    const customer = benchCustomer(index);
    gcSim.state.addUser({ email: customer.email, fields: { [BENCH_FIELDS.telegram]: "", [BENCH_FIELDS.salebot]: "" } });
    sbSim.state.addClient({ id: Number(customer.sb_id), platformId: customer.telegram_id });
  }
  // Every call, with no count or fraction: the rule stays for the whole run.
  if (options.gcLatencyMs > 0) gcSim.faults.add({ kind: "latency", delayMs: options.gcLatencyMs });
  if (options.sbLatencyMs > 0) sbSim.faults.add({ kind: "latency", delayMs: options.sbLatencyMs });

  // The simulators keep every request for assertions; tens of thousands of them would only grow
  // the heap (and GC pauses) of a long run, so they are counted and dropped.
  const served = { gc: 0, sb: 0 };
  const trim = () => {
    served.gc += gcSim.calls.length;
    served.sb += sbSim.calls.length;
    gcSim.calls.length = 0;
    sbSim.calls.length = 0;
  };
  const trimmer = setInterval(trim, 1_000);
  trimmer.unref();

  return {
    info: {
      gc: { url: gcSim.url, apiKey: gcSim.apiKey, techToken: gcSim.techToken },
      sb: { apiUrl: sbSim.apiUrl, apiKey: sbSim.apiKey },
      projectId: BENCH_PROJECT_ID,
    },
    stats() {
      trim();
      let sbLinkedClients = 0;
      for (let index = 0; index < options.users; index++) {
        const client = sbSim.state.client(Number(benchCustomer(index).sb_id));
        if (client?.clientVariables.gc_user_id !== undefined) sbLinkedClients += 1;
      }
      return { gcCalls: served.gc, sbCalls: served.sb, sbLinkedClients };
    },
    async close() {
      clearInterval(trimmer);
      await Promise.all([gcSim.close(), sbSim.close()]);
    },
  };
}

/** Forked: options from the environment, answers over IPC, gone when the parent goes. */
async function runAsChild(send: (message: FromSimulators) => void): Promise<void> {
  const options: BenchSimulatorOptions = {
    users: Number(process.env.BENCH_USERS),
    gcLatencyMs: Number(process.env.BENCH_GC_LATENCY_MS),
    sbLatencyMs: Number(process.env.BENCH_SB_LATENCY_MS),
  };
  let sims: BenchSimulators;
  try {
    sims = await startBenchSimulators(options);
  } catch (error) {
    send({ type: "error", message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  process.on("message", (message: ToSimulators) => {
    if (message.type === "stats") send({ type: "stats", stats: sims.stats() });
    if (message.type === "stop") void sims.close().finally(() => process.exit(0));
  });
  process.on("disconnect", () => process.exit(0));
  send({ type: "ready", info: sims.info });
}

if (process.argv[2] === "--child" && process.send) {
  const parent = process.send.bind(process);
  void runAsChild((message) => void parent(message));
}
