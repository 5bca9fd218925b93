import { db } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { retryDelaySeconds, withinRetryWindow } from "@/lib/jobs/retry-schedule";
import { getIntegrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { resolveOpenAttempts } from "./attempts";
import { linkCustomer, type LinkRetryJob, type SalebotSyncJob, writeKeysToSalebot } from "./link-customer";

/** A queued link runs the whole flow again; the flow itself reschedules while GetCourse is down. */
export async function runLinkRetry(job: LinkRetryJob): Promise<void> {
  const outcome = await linkCustomer(job.request, {
    source: job.source,
    actor: job.actor,
    requestId: job.requestId,
    retry: job.retry,
  });
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
