import type PgBoss from "pg-boss";
import { getIntegrations } from "@/lib/integrations";
import { QUEUES } from "@/lib/jobs/boss";
import { log } from "@/lib/observability/log";
import { getSalebotVariablesSetting } from "@/lib/salebot-quota/variables-setting";
import { getMatchingSetting } from "./setting";
import { scanClients, scanGcEvents, scanMessages, type ScanTally } from "./sources";

/**
 * The matcher as a pg-boss chain on QUEUES.matching, like the variables worker: a `stately` queue,
 * so one run at a time across instances; each run reads a batch of each source and schedules the
 * next. GetCourse contacts are read first, so a client met in the same run finds them.
 */
const BATCH = { gcEvents: 1_000, clients: 200, messages: 1_000 } as const;
const IDLE_SECONDS = 5;
const UNCONFIGURED_SECONDS = 60;

export type MatchRun = { gcEvents: ScanTally; clients: ScanTally; messages: ScanTally };

export async function runMatchingOnce(projectId: string, settleSeconds?: number): Promise<MatchRun> {
  const [setting, variables] = await Promise.all([getMatchingSetting(), getSalebotVariablesSetting()]);
  const gcEvents = await scanGcEvents(BATCH.gcEvents, settleSeconds);
  const clients = await scanClients(projectId, BATCH.clients, {
    ...setting,
    variablesFetched: variables.fetchOnFirstSight,
  });
  const messages = await scanMessages(projectId, BATCH.messages, setting, settleSeconds);
  return { gcEvents, clients, messages };
}

async function runMatchingJob(boss: Pick<PgBoss, "send">): Promise<void> {
  let next = IDLE_SECONDS;
  try {
    let projectId: string;
    try {
      projectId = getIntegrations().projectId;
    } catch {
      next = UNCONFIGURED_SECONDS;
      return;
    }
    const run = await runMatchingOnce(projectId);
    const full =
      run.gcEvents.read >= BATCH.gcEvents || run.clients.read >= BATCH.clients || run.messages.read >= BATCH.messages;
    if (full) next = 0;
    if (run.gcEvents.read + run.clients.read + run.messages.read > 0) log.info("matching run", { ...run });
  } catch (error) {
    log.error("matching run failed", { error });
  } finally {
    await boss.send(QUEUES.matching, {}, next > 0 ? { startAfter: next } : {});
  }
}

/** Registers the worker and starts the chain; safe to call from every process. */
export async function startMatchingWorker(boss: PgBoss): Promise<void> {
  await boss.updateQueue(QUEUES.matching, { name: QUEUES.matching, policy: "stately" });
  await boss.work(QUEUES.matching, { pollingIntervalSeconds: 1, batchSize: 1 }, async () => {
    await runMatchingJob(boss);
  });
  await boss.send(QUEUES.matching, {});
}
