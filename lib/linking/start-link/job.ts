import type PgBoss from "pg-boss";
import { QUEUES } from "@/lib/jobs/boss";
import { log } from "@/lib/observability/log";
import { FIELD_WRITES_PER_RUN, writeDueStartLinkFields } from "./field-write";
import { redeemNewStartCodes } from "./scan";

/**
 * The start-links worker as a pg-boss chain (like the variables worker): each run redeems the
 * start codes that arrived and writes a few due GetCourse fields, then schedules the next. The
 * queue is `stately`, so however many instances start the chain, one run is active at a time and
 * the field writes keep their pace across instances.
 */
export const RUN_SECONDS = 2;
/** After an outage or while nothing is configured, look again less often. */
const QUIET_SECONDS = 30;

export async function runStartLinksJob(): Promise<number> {
  let next = RUN_SECONDS;
  try {
    const scan = await redeemNewStartCodes();
    if (scan.found > 0)
      log.info("start links redeemed", {
        found: scan.found,
        linked: scan.outcomes.filter((o) => o.kind === "linked").length,
      });
    const writes = await writeDueStartLinkFields({ limit: FIELD_WRITES_PER_RUN });
    if (writes.stoppedBy === "gc_unavailable") next = QUIET_SECONDS;
  } catch (error) {
    log.error("start links run failed", { error });
    next = QUIET_SECONDS;
  }
  return next;
}

/** Registers the worker and starts the chain; safe to call from every process. */
export async function startStartLinksWorker(boss: PgBoss): Promise<void> {
  await boss.updateQueue(QUEUES.startLinks, { name: QUEUES.startLinks, policy: "stately" });
  await boss.work(QUEUES.startLinks, { pollingIntervalSeconds: 1, batchSize: 1 }, async () => {
    const next = await runStartLinksJob();
    await boss.send(QUEUES.startLinks, {}, { startAfter: next });
  });
  await boss.send(QUEUES.startLinks, {});
  // A chain broken by a failed send (the database away at that moment) is started again.
  await boss.schedule(QUEUES.startLinks, "* * * * *", {});
}
