import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { processSingleton } from "@/lib/process-singleton";

/**
 * Counts every HTTP request the hub sends to Salebot's API (retries included: Salebot counts
 * each), per project, UTC day and action. Counting is a map increment; the counts reach Postgres
 * in one upsert per flush, every few seconds, and add to what other instances wrote. A failed
 * flush keeps its counts for the next one; a crash loses at most one interval.
 */
export const FLUSH_INTERVAL_MS = 5_000;

type Key = string;
const SEPARATOR = "\u0000";

type CounterState = { pending: Map<Key, number>; timer: NodeJS.Timeout | null; flushing: Promise<void> | null };
// One write buffer per process (lib/process-singleton.ts), so the flush scripts/server.ts makes on
// shutdown also carries what Next's copy of lib/ counted.
function state(): CounterState {
  return processSingleton<CounterState>("salebot-call-counter", () => ({
    pending: new Map(),
    timer: null,
    flushing: null,
  }));
}

/** The UTC calendar day, `YYYY-MM-DD`. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

function add(pending: Map<Key, number>, key: Key, calls: number): void {
  pending.set(key, (pending.get(key) ?? 0) + calls);
}

function scheduleFlush(counter: CounterState): void {
  if (counter.timer) return;
  counter.timer = setTimeout(() => {
    counter.timer = null;
    void flushSalebotCallCounts();
  }, FLUSH_INTERVAL_MS);
  // A pending flush must not keep a finished process (a CLI, a test) alive.
  counter.timer.unref();
}

export function countSalebotCall(projectId: string, action: string, at: Date = new Date()): void {
  const counter = state();
  add(counter.pending, [projectId, utcDay(at), action].join(SEPARATOR), 1);
  scheduleFlush(counter);
}

async function write(batch: Map<Key, number>): Promise<void> {
  const projects: string[] = [];
  const days: string[] = [];
  const actions: string[] = [];
  const calls: number[] = [];
  for (const [key, count] of batch) {
    const [projectId, day, action] = key.split(SEPARATOR) as [string, string, string];
    projects.push(projectId);
    days.push(day);
    actions.push(action);
    calls.push(count);
  }
  await db.$executeRaw`
    INSERT INTO salebot_api_calls (project_id, day, action, calls)
    SELECT * FROM unnest(${projects}::text[], ${days}::date[], ${actions}::text[], ${calls}::int[])
    ON CONFLICT (project_id, day, action) DO UPDATE SET calls = salebot_api_calls.calls + EXCLUDED.calls`;
}

/** The `countCall` hook of one project's Salebot client. */
export function salebotCallCounter(projectId: string): (action: string) => void {
  return (action) => countSalebotCall(projectId, action);
}

/** Writes the counts gathered so far; safe to call at any time (tests, shutdown). */
export async function flushSalebotCallCounts(): Promise<void> {
  const counter = state();
  // One flush at a time, so a batch is never written twice or raced by the next.
  while (counter.flushing) await counter.flushing;
  if (counter.pending.size === 0) return;
  const batch = counter.pending;
  counter.pending = new Map();
  counter.flushing = write(batch)
    .catch((error: unknown) => {
      for (const [key, count] of batch) add(counter.pending, key, count);
      log.warn("salebot call counts not written; kept for the next flush", {
        error: error instanceof Error ? error.message : String(error),
      });
      scheduleFlush(counter);
    })
    .finally(() => {
      counter.flushing = null;
    });
  await counter.flushing;
}

/** Counts not yet written, for tests. */
export function pendingSalebotCallCount(): number {
  let total = 0;
  for (const count of state().pending.values()) total += count;
  return total;
}
