import type PgBoss from "pg-boss";
import { getEnv } from "@/lib/env";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { QUEUES } from "@/lib/jobs/boss";
import { log } from "@/lib/observability/log";
import { getSalebotVariablesSetting } from "@/lib/salebot-quota/variables-setting";
import { runVariablesBatch } from "./fetch-batch";

/**
 * The first-seen variables worker as a pg-boss chain on QUEUES.salebotVariables: each run fetches
 * one batch and schedules the next. The queue is `stately`, so however many processes start the
 * chain, at most one run is active and one waits: the rate limit holds across instances. The
 * webhook path never enqueues anything; the pending clients are found by query.
 */
export type VariablesJob = { outages?: number };

/** A run takes about this long at full pace, so a stuck run never holds the queue for long. */
const RUN_SECONDS = 10;
/** The pause after a run that found less than a full batch: new clients wait at most this long. */
export const IDLE_SECONDS = 5;
/** Salebot not configured (yet), or the fetch turned off: look again now and then, an admin may change Settings. */
const UNCONFIGURED_SECONDS = 60;

export async function runVariablesJob(boss: Pick<PgBoss, "send">, job: VariablesJob): Promise<void> {
  let next = IDLE_SECONDS;
  let outages = 0;
  try {
    let integrations: Integrations;
    try {
      integrations = getIntegrations();
    } catch {
      next = UNCONFIGURED_SECONDS;
      return;
    }
    // Off on Settings: no calls; the clients met meanwhile stay pending and are fetched if it is turned on again.
    if (!(await getSalebotVariablesSetting()).fetchOnFirstSight) {
      next = UNCONFIGURED_SECONDS;
      return;
    }
    const perSecond = getEnv().SALEBOT_VARIABLES_PER_SECOND;
    const limit = Math.max(1, Math.ceil(perSecond * RUN_SECONDS));
    const result = await runVariablesBatch({
      // One try per call: this queue does the retrying, and a retry inside the call would break the pace.
      sb: integrations.sbNoRetry ?? integrations.sb,
      projectId: integrations.projectId,
      perSecond,
      limit,
      outages: job.outages ?? 0,
    });
    if (result.pauseSeconds !== null) {
      outages = (job.outages ?? 0) + 1;
      next = result.pauseSeconds;
      log.warn("salebot variables: Salebot unavailable, pausing", { seconds: next, outages });
    } else if (result.picked >= limit) {
      next = 0;
    }
    if (result.picked > 0) log.info("salebot variables fetched", { ...result });
  } finally {
    await boss.send(QUEUES.salebotVariables, { outages } satisfies VariablesJob, next > 0 ? { startAfter: next } : {});
  }
}

/** Registers the worker and starts the chain; safe to call from every process. */
export async function startVariablesWorker(boss: PgBoss): Promise<void> {
  // boss.ts created the queue with the standard policy; one active run at a time needs `stately`.
  await boss.updateQueue(QUEUES.salebotVariables, { name: QUEUES.salebotVariables, policy: "stately" });
  await boss.work<VariablesJob>(QUEUES.salebotVariables, { pollingIntervalSeconds: 1, batchSize: 1 }, async ([job]) => {
    if (job) await runVariablesJob(boss, job.data);
  });
  await boss.send(QUEUES.salebotVariables, {});
}
