import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { BackfillRun } from "@/lib/generated/prisma/client";
import {
  exportTableToRecords,
  GetCourseError,
  LEGACY_ERROR_CODES,
  type ExportTable,
  type GetCourseClient,
} from "@/lib/getcourse";
import { getIntegrations } from "@/lib/integrations";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { LOCK_BUSY, withClusterLock } from "@/lib/jobs/cluster-lock";
import { log } from "@/lib/observability/log";
import { isOutboundError } from "@/lib/outbound/errors";
import { dealRowToEvent, userRowIdentity } from "./getcourse-export-rows";
import { storeOrderEvent } from "./getcourse-store";

/**
 * "Import from GetCourse": historical deals through the export API, then, when some orders know
 * only a user id or only an e-mail, a users export to fill in the other. Stored with the webhook's
 * store function and never forwarded (history must not message customers).
 *
 * The export budget rules it: one export at a time per account (905), "not ready" polls (909)
 * and 100 requests per 2 hours, polls included (903). So the export id is saved as soon as
 * GetCourse gives it, and an interrupted run polls that same export again instead of starting a
 * new one; a spent budget pauses the run with the time it can go on.
 */

export const BACKFILL_KIND = "getcourse";
/** Export requests left for the rest of the hub (linking reads the field dictionary through the same budget). */
export const BUDGET_RESERVE = 10;
const DEFAULT_POLL_INTERVAL_MS = 30_000;
const ROWS_PER_PROGRESS = 100;
const RESERVE_PAUSE_MS = 15 * 60_000;
const BUSY_PAUSE_MS = 60_000;
/** How often a queued run checks on a lock held elsewhere (e.g. by the CLI, which might be stopped). */
const LOCK_RECHECK_SECONDS = 60;
const OUTAGE_PAUSE_MS = 5 * 60_000;
/** A job gives the worker back after this long and continues in a new job. */
const JOB_SLICE_MS = 10 * 60_000;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date YYYY-MM-DD" });

export const backfillRangeSchema = z
  .object({ from: day, to: day })
  .refine((range) => range.from <= range.to, { message: "from must not be after to", path: ["to"] });

const stateSchema = z.object({
  from: day,
  to: day,
  phase: z.enum(["deals", "users", "done"]).default("deals"),
  /** `processed` when the phase began: rows of the current export already stored = processed - phaseStart. */
  phaseStart: z.number().int().default(0),
  /** When the current export was started: its rows show GetCourse as of then. */
  exportStartedAt: z.string().nullish(),
  resumeAt: z.string().nullish(),
});
type RunState = z.infer<typeof stateSchema>;

export type BackfillProgress = {
  id: string;
  status: BackfillRun["status"];
  phase: RunState["phase"];
  from: string;
  to: string;
  processed: number;
  total: number | null;
  exportId: string | null;
  /** Why the run is paused or failed. */
  message: string | null;
  resumeAt: Date | null;
  startedBy: string | null;
  startedAt: Date;
  finishedAt: Date | null;
};

export type BackfillOutcome =
  | { status: "done"; progress: BackfillProgress }
  | { status: "paused"; progress: BackfillProgress; resumeAt: Date; message: string }
  | { status: "failed"; progress: BackfillProgress; message: string }
  /** Another process holds the import lock (it is running this or another import). */
  | { status: "busy" }
  /** Stopped by the signal or the time slice; the run stays `running` and resumes where it was. */
  | { status: "interrupted"; progress: BackfillProgress };

export type BackfillJob = { runId: string; pollIntervalMs?: number };

export type RunBackfillOptions = {
  gc?: GetCourseClient;
  pollIntervalMs?: number;
  signal?: AbortSignal;
  /** Stop (as `interrupted`) at the next safe point after this time. */
  deadline?: Date;
  /** A paused run waits for its `resumeAt` unless this is set (the CLI's explicit re-run). */
  ignoreResumeAt?: boolean;
  onProgress?: (progress: BackfillProgress) => void;
};

function stateOf(run: BackfillRun): RunState {
  return stateSchema.parse(run.filters);
}

export function progressOf(run: BackfillRun): BackfillProgress {
  const state = stateOf(run);
  return {
    id: String(run.id),
    status: run.status,
    phase: state.phase,
    from: state.from,
    to: state.to,
    processed: run.processed,
    total: run.total,
    exportId: run.exportId,
    message: run.error,
    resumeAt: state.resumeAt ? new Date(state.resumeAt) : null,
    startedBy: run.startedBy,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}

export async function getBackfillProgress(id: string | bigint): Promise<BackfillProgress | null> {
  const run = await db.backfillRun.findUnique({ where: { id: BigInt(id) } });
  return run ? progressOf(run) : null;
}

/** The run that is running or paused, if any: there is at most one at a time. */
export async function activeBackfill(): Promise<BackfillProgress | null> {
  const run = await db.backfillRun.findFirst({
    where: { kind: BACKFILL_KIND, status: { in: ["running", "paused"] } },
    orderBy: { id: "asc" },
  });
  return run ? progressOf(run) : null;
}

/** Creates a run, unless one is still running or paused: that one is answered instead. */
export async function createBackfillRun(input: {
  from: string;
  to: string;
  startedBy?: string | null;
}): Promise<{ progress: BackfillProgress; created: boolean }> {
  const range = backfillRangeSchema.parse(input);
  const active = await activeBackfill();
  if (active) return { progress: active, created: false };
  const state: RunState = { ...range, phase: "deals", phaseStart: 0 };
  const run = await db.backfillRun.create({
    data: { kind: BACKFILL_KIND, filters: state, startedBy: input.startedBy ?? null },
  });
  return { progress: progressOf(run), created: true };
}

/** For the dashboard button: creates the run (or finds the active one) and queues it. */
export async function startBackfill(input: {
  from: string;
  to: string;
  startedBy?: string | null;
}): Promise<BackfillProgress> {
  const { progress } = await createBackfillRun(input);
  await enqueue(QUEUES.backfill, { runId: progress.id } satisfies BackfillJob);
  return progress;
}

/**
 * Queues every run left running or paused (e.g. the CLI was stopped, or the server restarted);
 * a paused one waits for its time. Answers how many were queued.
 */
export async function resumeBackfills(): Promise<number> {
  const runs = await db.backfillRun.findMany({ where: { kind: BACKFILL_KIND, status: { in: ["running", "paused"] } } });
  for (const run of runs) {
    const resumeAt = stateOf(run).resumeAt;
    const delay =
      run.status === "paused" && resumeAt
        ? Math.max(0, Math.ceil((new Date(resumeAt).getTime() - Date.now()) / 1000))
        : 0;
    await enqueue(QUEUES.backfill, { runId: String(run.id) } satisfies BackfillJob, delay);
  }
  return runs.length;
}

class Interrupted extends Error {}

/** A pause GetCourse (or our reserve) asks for: the run keeps its place and goes on at `resumeAt`. */
class PauseRun extends Error {
  constructor(
    message: string,
    readonly resumeAt: Date,
  ) {
    super(message);
  }
}

const timeOf = (date: Date) =>
  date
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d{3}Z$/, " UTC");

function pauseFor(error: unknown, gc: GetCourseClient): PauseRun | null {
  if (error instanceof PauseRun) return error;
  if (!isOutboundError(error)) return null;
  // Read the code by shape: the client may come from another bundle layer (see lib/outbound/errors.ts).
  const code = (error as Partial<GetCourseError>).gcErrorCode;
  if (
    code === LEGACY_ERROR_CODES.tooManyRequests ||
    (error.kind === "rate_limited" && code !== LEGACY_ERROR_CODES.exportAlreadyRunning)
  ) {
    const waitMs = Math.max(gc.exportBudget.msUntilAvailable(), (error.retryAfterSeconds ?? 0) * 1000, 60_000);
    const resumeAt = new Date(Date.now() + waitMs);
    return new PauseRun(
      `GetCourse's export budget (100 requests per 2 hours, polls included) is spent; the import goes on at ${timeOf(resumeAt)}.`,
      resumeAt,
    );
  }
  if (code === LEGACY_ERROR_CODES.exportAlreadyRunning) {
    const resumeAt = new Date(Date.now() + BUSY_PAUSE_MS);
    return new PauseRun(
      `Another export is running on the GetCourse account (905); trying again at ${timeOf(resumeAt)}.`,
      resumeAt,
    );
  }
  if (error.retryable) {
    const resumeAt = new Date(Date.now() + OUTAGE_PAUSE_MS);
    return new PauseRun(
      `GetCourse is not answering (${error.message}); trying again at ${timeOf(resumeAt)}.`,
      resumeAt,
    );
  }
  return null;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

type Context = {
  runId: bigint;
  gc: GetCourseClient;
  options: RunBackfillOptions;
  timeZone: string;
};

function checkpoint(context: Context): void {
  const { signal, deadline } = context.options;
  if (signal?.aborted || (deadline && Date.now() >= deadline.getTime())) throw new Interrupted();
}

async function update(
  context: Context,
  data: { state?: Partial<RunState> } & Partial<
    Pick<BackfillRun, "processed" | "total" | "exportId" | "error" | "status" | "finishedAt">
  >,
) {
  const { state, ...columns } = data;
  const current = await db.backfillRun.findUniqueOrThrow({ where: { id: context.runId } });
  const run = await db.backfillRun.update({
    where: { id: context.runId },
    data: { ...columns, ...(state ? { filters: { ...stateOf(current), ...state } } : {}) },
  });
  context.options.onProgress?.(progressOf(run));
  return run;
}

function ensureBudget(gc: GetCourseClient): void {
  if (gc.remainingExportRequests() > BUDGET_RESERVE) return;
  const resumeAt = new Date(Date.now() + Math.max(gc.exportBudget.msUntilAvailable(), RESERVE_PAUSE_MS));
  throw new PauseRun(
    `Only ${gc.remainingExportRequests()} GetCourse export requests are left in this 2-hour window; the last ${BUDGET_RESERVE} are kept for linking. The import goes on at ${timeOf(resumeAt)}.`,
    resumeAt,
  );
}

/** Starts the phase's export (once: its id is saved at once) and polls it until it is built. */
async function exportOf(
  context: Context,
  run: BackfillRun,
  dataset: "deals" | "users",
): Promise<{ table: ExportTable; run: BackfillRun }> {
  const { gc } = context;
  let current = run;
  if (!current.exportId) {
    ensureBudget(gc);
    const state = stateOf(current);
    const startedAt = new Date();
    const exportId =
      dataset === "deals"
        ? await gc.startDealsExport({ createdAt: { from: state.from, to: state.to } })
        : await gc.startUsersExport({ createdAt: { to: state.to } });
    current = await update(context, {
      exportId: String(exportId),
      error: null,
      state: { exportStartedAt: startedAt.toISOString() },
    });
  }
  const exportId = Number(current.exportId);
  for (;;) {
    checkpoint(context);
    ensureBudget(gc);
    const poll = await gc.fetchExport(exportId);
    if (poll.ready) return { table: poll.table, run: current };
    await sleep(context.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, context.options.signal);
  }
}

async function importDeals(context: Context, run: BackfillRun): Promise<BackfillRun> {
  const { table, run: current } = await exportOf(context, run, "deals");
  const state = stateOf(current);
  const rows = exportTableToRecords(table);
  const observedAt = state.exportStartedAt ? new Date(state.exportStartedAt) : current.startedAt;
  let processed = current.processed;
  await update(context, { total: state.phaseStart + rows.length });
  // Rows before `processed` were stored before an interruption; storing them again would be a no-op anyway.
  for (let index = processed - state.phaseStart; index < rows.length; index++) {
    checkpoint(context);
    const row = rows[index] ?? {};
    try {
      await storeOrderEvent(dealRowToEvent(row, { observedAt, timeZone: context.timeZone }));
    } catch (error) {
      if (!(error instanceof z.ZodError)) throw error;
      log.warn("backfill skipped a deals row it cannot read", {
        runId: String(context.runId),
        row: index,
        issues: error.issues,
      });
    }
    processed += 1;
    if (processed % ROWS_PER_PROGRESS === 0) await update(context, { processed });
  }
  return update(context, {
    processed,
    exportId: null,
    state: { phase: "users", phaseStart: processed, exportStartedAt: null },
  });
}

async function ordersMissingIdentity(): Promise<{ byUserId: Set<string>; byEmail: Set<string> }> {
  const rows = await db.gcOrder.findMany({
    where: {
      OR: [
        { email: null, gcUserId: { not: null } },
        { gcUserId: null, email: { not: null } },
      ],
    },
    select: { email: true, gcUserId: true },
  });
  return {
    byUserId: new Set(rows.flatMap((row) => (row.email === null && row.gcUserId ? [row.gcUserId] : []))),
    byEmail: new Set(rows.flatMap((row) => (row.gcUserId === null && row.email ? [row.email] : []))),
  };
}

async function importUsers(context: Context, run: BackfillRun): Promise<BackfillRun> {
  const missing = await ordersMissingIdentity();
  if (!run.exportId && missing.byUserId.size === 0 && missing.byEmail.size === 0) {
    return update(context, { state: { phase: "done" } });
  }
  const { table, run: current } = await exportOf(context, run, "users");
  const state = stateOf(current);
  const rows = exportTableToRecords(table);
  let processed = current.processed;
  await update(context, { total: state.phaseStart + rows.length });
  for (let index = processed - state.phaseStart; index < rows.length; index++) {
    checkpoint(context);
    const identity = userRowIdentity(rows[index] ?? {});
    if (identity && missing.byUserId.has(identity.gcUserId)) {
      await db.gcOrder.updateMany({
        where: { gcUserId: identity.gcUserId, email: null },
        data: { email: identity.email },
      });
    }
    if (identity && missing.byEmail.has(identity.email)) {
      await db.gcOrder.updateMany({
        where: { email: identity.email, gcUserId: null },
        data: { gcUserId: identity.gcUserId },
      });
    }
    processed += 1;
    if (processed % ROWS_PER_PROGRESS === 0) await update(context, { processed });
  }
  return update(context, { processed, exportId: null, state: { phase: "done", exportStartedAt: null } });
}

/**
 * One import at a time across every process of the hub (GetCourse runs one export per account
 * anyway). Held on its own connection: if the process dies, the lock goes with it.
 */
export const BACKFILL_LOCK = "getcourse-backfill";

/**
 * Runs (or resumes) one import until it is done, paused, failed or interrupted. Safe to call from
 * several processes: only the holder of the import lock works, the others answer `busy`.
 */
export async function runBackfill(runId: string | bigint, options: RunBackfillOptions = {}): Promise<BackfillOutcome> {
  const outcome = await withClusterLock(BACKFILL_LOCK, () => runLocked(runId, options));
  return outcome === LOCK_BUSY ? { status: "busy" } : outcome;
}

async function runLocked(runId: string | bigint, options: RunBackfillOptions): Promise<BackfillOutcome> {
  const gc = options.gc ?? getIntegrations().gc;
  const context: Context = { runId: BigInt(runId), gc, options, timeZone: getEnv().TIME_ZONE };
  try {
    let run = await db.backfillRun.findUniqueOrThrow({ where: { id: context.runId } });
    if (run.status === "done") return { status: "done", progress: progressOf(run) };
    if (run.status === "failed") return { status: "failed", progress: progressOf(run), message: run.error ?? "failed" };
    const resumeAt = stateOf(run).resumeAt;
    if (run.status === "paused" && resumeAt && new Date(resumeAt) > new Date() && !options.ignoreResumeAt) {
      return {
        status: "paused",
        progress: progressOf(run),
        resumeAt: new Date(resumeAt),
        message: run.error ?? "paused",
      };
    }
    run = await update(context, { status: "running", error: null, state: { resumeAt: null } });
    if (stateOf(run).phase === "deals") run = await importDeals(context, run);
    if (stateOf(run).phase === "users") run = await importUsers(context, run);
    run = await update(context, { status: "done", finishedAt: new Date(), total: run.total ?? run.processed });
    return { status: "done", progress: progressOf(run) };
  } catch (error) {
    if (error instanceof Interrupted) {
      const run = await db.backfillRun.findUniqueOrThrow({ where: { id: context.runId } });
      return { status: "interrupted", progress: progressOf(run) };
    }
    const pause = pauseFor(error, gc);
    if (pause) {
      const run = await update(context, {
        status: "paused",
        error: pause.message,
        state: { resumeAt: pause.resumeAt.toISOString() },
      });
      log.warn("backfill paused", { runId: String(runId), message: pause.message });
      return { status: "paused", progress: progressOf(run), resumeAt: pause.resumeAt, message: pause.message };
    }
    const message = error instanceof Error ? error.message : String(error);
    const run = await update(context, { status: "failed", error: message, finishedAt: new Date() });
    log.error("backfill failed", { runId: String(runId), error });
    return { status: "failed", progress: progressOf(run), message };
  }
}

/** The `QUEUES.backfill` handler: one time slice of the run, then it queues its own continuation. */
export async function runBackfillJob(job: BackfillJob): Promise<void> {
  const outcome = await runBackfill(job.runId, {
    pollIntervalMs: job.pollIntervalMs,
    deadline: new Date(Date.now() + JOB_SLICE_MS),
  });
  if (outcome.status === "interrupted") await enqueue(QUEUES.backfill, job);
  if (outcome.status === "paused") {
    await enqueue(QUEUES.backfill, job, Math.max(1, Math.ceil((outcome.resumeAt.getTime() - Date.now()) / 1000)));
  }
  if (outcome.status === "busy") {
    // Whoever holds the lock is working; look again later in case it stops half-way (a killed CLI).
    const progress = await getBackfillProgress(job.runId);
    if (progress && (progress.status === "running" || progress.status === "paused")) {
      await enqueue(QUEUES.backfill, job, LOCK_RECHECK_SECONDS);
    }
  }
}
