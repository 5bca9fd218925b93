import PgBoss from "pg-boss";
import { envValue, getEnv } from "@/lib/env";
import { log } from "@/lib/observability/log";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "@/lib/process-singleton";

/**
 * The durable queue: pg-boss in its own `pgboss` schema of the hub's database. One instance per
 * process, started on first use; jobs survive restarts and each runs once across instances.
 */
export const QUEUES = {
  linkRetry: "link-retry",
  salebotSync: "link-salebot-sync",
  salebotVariables: "salebot-variables",
  delivery: "salebot-delivery",
  activitySync: "gc-activity-sync",
  backfill: "gc-backfill",
  startLinks: "start-links",
  matching: "link-matching",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

// One queue client per process (lib/process-singleton.ts): every copy of lib/ enqueues through it.
const BOSS = "pg-boss";
/** The started workers' name in the process registry; dropped with the queue they ran on. */
export const JOB_WORKERS = "job-workers";

/**
 * A job whose process died (SIGKILL, OOM, a lost machine) stays `active` until it expires and
 * pg-boss's maintenance fails it into a retry. pg-boss's default is 15 minutes, far longer than
 * these queues' work (one outside call of at most 10 s plus a few queries), so they expire after
 * 2 minutes instead. The backfill keeps the default: one slice may poll an export for a while.
 * HUB_JOB_EXPIRE_SECONDS, HUB_JOB_MAINTENANCE_SECONDS and HUB_JOB_RETRY_DELAY_SECONDS shorten the
 * way back for the fault tests.
 */
const SHORT_QUEUES: readonly QueueName[] = [QUEUES.linkRetry, QUEUES.salebotSync, QUEUES.delivery];

async function createBoss(): Promise<PgBoss> {
  const connectionString = envValue("DATABASE_URL");
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const env = getEnv();
  // Expected failures are rescheduled by the handlers (capped backoff over 24 h); pg-boss's own
  // retries only catch the unexpected, such as the database going away mid-job.
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    retryLimit: 5,
    retryDelay: env.HUB_JOB_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    application_name: "hub-jobs",
    maintenanceIntervalSeconds: env.HUB_JOB_MAINTENANCE_SECONDS,
  });
  boss.on("error", (error) => log.error("job queue error", { error }));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  // updateQueue too: createQueue leaves a queue made by an older version as it was.
  const expireInSeconds = env.HUB_JOB_EXPIRE_SECONDS;
  for (const name of SHORT_QUEUES) await boss.updateQueue(name, { name, expireInSeconds });
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  return processSingleton(BOSS, () =>
    createBoss().catch((error: unknown) => {
      dropProcessSingleton(BOSS);
      throw error;
    }),
  );
}

export async function enqueue(queue: QueueName, data: object, startAfterSeconds = 0): Promise<void> {
  const boss = await getBoss();
  await boss.send(queue, data, startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {});
}

export async function stopBoss(): Promise<void> {
  const pending = peekProcessSingleton<Promise<PgBoss>>(BOSS);
  dropProcessSingleton(BOSS);
  dropProcessSingleton(JOB_WORKERS);
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 5_000 });
}
