import type PgBoss from "pg-boss";
import type { LinkRetryJob, SalebotSyncJob } from "@/lib/linking/link-customer";
import { runLinkRetry, runSalebotSync } from "@/lib/linking/jobs";
import { getBoss, QUEUES } from "./boss";

const POLL = { pollingIntervalSeconds: 1, batchSize: 5 };

async function each<T>(jobs: PgBoss.Job<T>[], run: (data: T) => Promise<void>): Promise<void> {
  await Promise.all(jobs.map((job) => run(job.data)));
}

/** Registers the job handlers of this process; safe to call more than once. */
export async function startWorkers(): Promise<void> {
  const cache = globalThis as unknown as { hubWorkers?: Promise<void> };
  cache.hubWorkers ??= (async () => {
    const boss = await getBoss();
    await boss.work<LinkRetryJob>(QUEUES.linkRetry, POLL, (jobs) => each(jobs, runLinkRetry));
    await boss.work<SalebotSyncJob>(QUEUES.salebotSync, POLL, (jobs) => each(jobs, runSalebotSync));
  })();
  await cache.hubWorkers;
}
