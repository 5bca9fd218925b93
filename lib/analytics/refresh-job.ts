import type PgBoss from "pg-boss";
import { log } from "@/lib/observability/log";
import { refreshAnalytics } from "./refresh";

/**
 * The background refresh: every REFRESH_EVERY_SECONDS a pg-boss job applies whatever changes the
 * triggers noted, so the rollup is never more than ~15 s behind even when nobody opens a report
 * (reports refresh themselves too). Each run schedules the next; the queue's `stately` policy
 * keeps at most one waiting, however many processes start the chain.
 */
export const ANALYTICS_REFRESH_QUEUE = "analytics-refresh";
export const REFRESH_EVERY_SECONDS = 15;

export async function runAnalyticsRefresh(boss: Pick<PgBoss, "send">): Promise<void> {
  try {
    const result = await refreshAnalytics();
    if (result.marks > 0)
      log.info("analytics refreshed", { marks: result.marks, clients: result.clients, ms: Math.round(result.ms) });
  } finally {
    await boss.send(ANALYTICS_REFRESH_QUEUE, {}, { startAfter: REFRESH_EVERY_SECONDS });
  }
}

/** Registers the worker and starts the chain; safe to call from every process. */
export async function startAnalyticsRefresh(boss: PgBoss): Promise<void> {
  await boss.createQueue(ANALYTICS_REFRESH_QUEUE, { name: ANALYTICS_REFRESH_QUEUE, policy: "stately" });
  await boss.work(ANALYTICS_REFRESH_QUEUE, { pollingIntervalSeconds: 2, batchSize: 1 }, () =>
    runAnalyticsRefresh(boss),
  );
  await boss.send(ANALYTICS_REFRESH_QUEUE, {});
}
