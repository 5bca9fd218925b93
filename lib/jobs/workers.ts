import type PgBoss from "pg-boss";
import { startAnalyticsRefresh } from "@/lib/analytics/refresh-job";
import { startForwardingWorkers } from "@/lib/forwarding/jobs";
import { type BackfillJob, runBackfillJob } from "@/lib/events/getcourse-backfill";
import type { LinkRetryJob, SalebotSyncJob } from "@/lib/linking/link-customer";
import { runLinkRetry, runSalebotSync } from "@/lib/linking/jobs";
import { startStartLinksWorker } from "@/lib/linking/start-link/job";
import { startMatchingWorker } from "@/lib/matching/job";
import { startAlerts } from "@/lib/observability/alerts";
import { startVariablesWorker } from "@/lib/salebot-variables/job";
import { getBoss, JOB_WORKERS, QUEUES } from "./boss";
import { processSingleton } from "@/lib/process-singleton";

const POLL = { pollingIntervalSeconds: 1, batchSize: 5 };

async function each<T>(jobs: PgBoss.Job<T>[], run: (data: T) => Promise<void>): Promise<void> {
  await Promise.all(jobs.map((job) => run(job.data)));
}

/** Registers the job handlers of this process, once whichever copy of lib/ asks; safe to call more than once. */
export async function startWorkers(): Promise<void> {
  await processSingleton(JOB_WORKERS, async () => {
    const boss = await getBoss();
    await boss.work<LinkRetryJob>(QUEUES.linkRetry, POLL, (jobs) => each(jobs, runLinkRetry));
    await boss.work<SalebotSyncJob>(QUEUES.salebotSync, POLL, (jobs) => each(jobs, runSalebotSync));
    await startForwardingWorkers(boss);
    await startAnalyticsRefresh(boss);
    await startVariablesWorker(boss);
    await startStartLinksWorker(boss);
    await startMatchingWorker(boss);
    await startAlerts(boss);
    // One import at a time: GetCourse builds one export per account.
    await boss.work<BackfillJob>(QUEUES.backfill, { pollingIntervalSeconds: 2, batchSize: 1 }, (jobs) =>
      each(jobs, runBackfillJob),
    );
  });
}
