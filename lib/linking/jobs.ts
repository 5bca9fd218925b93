import { db } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { LOCK_BUSY, withClusterLock } from "@/lib/jobs/cluster-lock";
import { retryDelaySeconds, withinRetryWindow } from "@/lib/jobs/retry-schedule";
import { getIntegrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { resolveOpenAttempts } from "./attempts";
import { linkCustomer, type LinkRetryJob, type SalebotSyncJob, writeKeysToSalebot } from "./link-customer";
import { wasDismissed } from "./retry-failures";

const BUSY_RETRY_SECONDS = 2;

/**
 * A queued link runs the whole flow again; the flow itself reschedules while GetCourse is down.
 * Instances share one lock per client, so the same client's jobs never run side by side on two
 * instances (the second waits, then finds the link made and does nothing).
 */
export async function runLinkRetry(job: LinkRetryJob): Promise<void> {
  if (await wasDismissed(job.retry.attemptId)) {
    log.info("queued link dropped: an admin dismissed its failure", { requestId: job.requestId });
    return;
  }
  const key = `link:${getIntegrations().projectId}:${job.request.sbClientId}`;
  const outcome = await withClusterLock(key, () =>
    linkCustomer(job.request, {
      source: job.source,
      proof: job.proof,
      actor: job.actor,
      expectGcUserId: job.expectGcUserId,
      requestId: job.requestId,
      retry: job.retry,
    }),
  );
  if (outcome === LOCK_BUSY) {
    await enqueue(QUEUES.linkRetry, job, BUSY_RETRY_SECONDS);
    return;
  }
  log.info("queued link retried", { requestId: job.requestId, retry: job.retry.count, success: outcome.success });
}

/** GetCourse has the keys and the link stands; only Salebot's variables are still to be written. */
export async function runSalebotSync(job: SalebotSyncJob): Promise<void> {
  const current = await db.link.findUnique({
    where: { projectId_sbClientId: { projectId: job.projectId, sbClientId: job.request.sbClientId } },
  });
  if (!current || current.email !== job.request.email || current.gcUserId !== job.gcUserId) {
    log.info("salebot sync skipped: the link changed meanwhile", { requestId: job.requestId });
    return;
  }
  try {
    await writeKeysToSalebot(getIntegrations(), job.request, job.gcUserId);
    await resolveOpenAttempts(job.projectId, job.request.sbClientId, "salebot_unavailable");
  } catch (error) {
    if (!withinRetryWindow(job.firstAttemptAt)) {
      log.warn("salebot sync gave up after 24 hours", { requestId: job.requestId, error });
      return;
    }
    const next: SalebotSyncJob = { ...job, count: job.count + 1 };
    await enqueue(QUEUES.salebotSync, next, retryDelaySeconds(next.count));
  }
}
