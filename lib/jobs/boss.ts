import PgBoss from "pg-boss";
import { log } from "@/lib/observability/log";

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

const cache = globalThis as unknown as { hubBoss?: Promise<PgBoss> };

/**
 * A job whose process died (SIGKILL, OOM, a lost machine) stays `active` until it expires and
 * pg-boss's maintenance fails it into a retry. pg-boss's default is 15 minutes, far longer than
 * these queues' work (one outside call of at most 10 s plus a few queries), so they expire after
 * 2 minutes instead. The backfill keeps the default: one slice may poll an export for a while.
 * HUB_JOB_EXPIRE_SECONDS, HUB_JOB_MAINTENANCE_SECONDS and HUB_JOB_RETRY_DELAY_SECONDS shorten the
 * way back for the fault tests.
 */
const SHORT_QUEUES: readonly QueueName[] = [QUEUES.linkRetry, QUEUES.salebotSync, QUEUES.delivery];

function secondsFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value >= 1 ? value : fallback;
}

async function createBoss(): Promise<PgBoss> {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  // Expected failures are rescheduled by the handlers (capped backoff over 24 h); pg-boss's own
  // retries only catch the unexpected, such as the database going away mid-job.
  const boss = new PgBoss({
    connectionString,
    schema: "pgboss",
    max: 4,
    retryLimit: 5,
    retryDelay: secondsFromEnv("HUB_JOB_RETRY_DELAY_SECONDS", 30),
    retryBackoff: true,
    application_name: "hub-jobs",
    maintenanceIntervalSeconds: secondsFromEnv("HUB_JOB_MAINTENANCE_SECONDS", 60),
  });
  boss.on("error", (error) => log.error("job queue error", { error }));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  // updateQueue too: createQueue leaves a queue made by an older version as it was.
  const expireInSeconds = secondsFromEnv("HUB_JOB_EXPIRE_SECONDS", 120);
  for (const name of SHORT_QUEUES) await boss.updateQueue(name, { name, expireInSeconds });
  return boss;
}

export function getBoss(): Promise<PgBoss> {
  cache.hubBoss ??= createBoss().catch((error: unknown) => {
    cache.hubBoss = undefined;
    throw error;
  });
  return cache.hubBoss;
}

export async function enqueue(queue: QueueName, data: object, startAfterSeconds = 0): Promise<void> {
  const boss = await getBoss();
  await boss.send(queue, data, startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {});
}

export async function stopBoss(): Promise<void> {
  const pending = cache.hubBoss;
  cache.hubBoss = undefined;
  (globalThis as unknown as { hubWorkers?: unknown }).hubWorkers = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 5_000 });
}
