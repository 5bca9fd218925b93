import type PgBoss from "pg-boss";
import { z } from "zod";
import { QUEUES } from "@/lib/jobs/boss";
import { log } from "@/lib/observability/log";
import { syncChatActivity } from "@/lib/events/activity-writeback";
import { runDelivery, sweepDueDeliveries } from "@/lib/deliveries/queue";
import { forwardPendingOrderEvents } from "@/lib/events/getcourse-ingest";

/*
 * Queue wiring for forwarding and activity write-back. pg-boss 10 keeps one schedule per queue, so
 * the delivery queue's minutely cron job is the sweep (`{sweep: true}`), told apart from the
 * per-row jobs (`{deliveryId}`) by its data. The sweep also forwards order events a crash left
 * unforwarded, before it sends what is due.
 */

const EVERY_MINUTE = "* * * * *";

const deliveryJobData = z.union([
  z.object({ deliveryId: z.string().regex(/^\d+$/) }),
  z.object({ sweep: z.literal(true) }),
]);

export async function runDeliveryQueueJob(data: unknown): Promise<void> {
  const parsed = deliveryJobData.safeParse(data);
  if (!parsed.success) {
    log.warn("delivery queue: unreadable job dropped");
    return;
  }
  if ("sweep" in parsed.data) {
    await forwardPendingOrderEvents();
    await sweepDueDeliveries();
  } else await runDelivery(BigInt(parsed.data.deliveryId));
}

/** Registers the handlers and the minutely schedules; `schedule` replaces an existing one. */
export async function startForwardingWorkers(boss: PgBoss): Promise<void> {
  await boss.work<unknown>(QUEUES.delivery, { pollingIntervalSeconds: 1, batchSize: 5 }, async (jobs) => {
    await Promise.all(jobs.map((job) => runDeliveryQueueJob(job.data)));
  });
  await boss.work<unknown>(QUEUES.activitySync, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
    await syncChatActivity();
  });
  await boss.schedule(QUEUES.delivery, EVERY_MINUTE, { sweep: true });
  await boss.schedule(QUEUES.activitySync, EVERY_MINUTE, {});
}
