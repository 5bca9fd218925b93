import { db } from "@/lib/db";
import type { BackfillRun } from "@/lib/generated/prisma/client";
import { normalizeBotUsername } from "@/lib/campaigns/code";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { isOutboundError } from "@/lib/outbound/errors";
import { linkSigningSecret } from "../connect-link";
import { createStartLinkCode, DEFAULT_START_LINK_FIELD, startLinkUrl } from "./code";
import { knownUserIdOf } from "./users";

/**
 * Each not-yet-linked GetCourse user's personal start link, written into the user field
 * GC_FIELD_START_LINK (default `tg_start_link`) when the account defines it, so a school can put
 * it into letters and thank-you pages. `start_link_users.field_status = 'due'` is the queue: a
 * GetCourse event marks its user due, "Write start links" on Settings marks every known not-linked
 * user due (a run with progress), and the start-links job writes a few per run.
 *
 * Budget: writes spend no export request (the field's existence comes from the cached
 * dictionary), never create a user (these users came from GetCourse), and are paced: with
 * FIELD_WRITES_PER_RUN every RUN_SECONDS, at most 2 users a second, i.e. 4 Tech API calls (read +
 * write), under the 5 a second public integrations keep to; an outage pauses the writes.
 */
export const START_LINKS_RUN_KIND = "start_links";
export const FIELD_WRITES_PER_RUN = 4;
/** A claimed write whose process died is due again after this long. */
const STALE_WRITING_MS = 5 * 60_000;

export function startLinkFieldOf(integrations: Pick<Integrations, "startLinkField">): string {
  return integrations.startLinkField ?? DEFAULT_START_LINK_FIELD;
}

/** The configured bot, as a t.me username; null when none is set (no link can be built). */
export function botOf(integrations: Pick<Integrations, "botUsername">): string | null {
  const bot = integrations.botUsername ? normalizeBotUsername(integrations.botUsername) : "";
  return bot === "" ? null : bot;
}

/** The user's personal link for the hub's project, or null without a bot username. */
export function personalStartLink(
  integrations: Pick<Integrations, "botUsername" | "projectId">,
  gcUserId: string,
  campaignId?: string | null,
): { url: string; code: string } | null {
  const bot = botOf(integrations);
  if (!bot) return null;
  const code = createStartLinkCode({ gcUserId, projectId: integrations.projectId, campaignId }, linkSigningSecret());
  return { url: startLinkUrl(bot, code), code };
}

const NOT_LINKED = `NOT EXISTS (SELECT 1 FROM links l WHERE l.project_id = $3 AND (l.gc_user_id = u.gc_user_id OR l.email = u.email))`;

/**
 * A GetCourse event named this user: remember them, and queue their field write unless they are
 * linked already or the field holds their link. One statement; errors are the caller's to log.
 */
export async function noteGetCourseUser(event: { gcUserId: string | null; email: string | null }): Promise<void> {
  const email = event.email?.trim().toLowerCase() || null;
  if (!email) return;
  const gcUserId = event.gcUserId && /^\d{1,19}$/.test(event.gcUserId) ? event.gcUserId : await knownUserIdOf(email);
  if (!gcUserId) return;
  let integrations: Integrations;
  try {
    integrations = getIntegrations();
  } catch {
    return;
  }
  const link = personalStartLink(integrations, gcUserId);
  await db.$executeRawUnsafe(
    `INSERT INTO start_link_users AS u (gc_user_id, email, field_status, updated_at)
     SELECT $1, $2, CASE WHEN $4::text IS NULL THEN NULL ELSE 'due' END, now()
     WHERE NOT EXISTS (SELECT 1 FROM links l WHERE l.project_id = $3 AND (l.gc_user_id = $1 OR l.email = $2))
     ON CONFLICT (gc_user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now(),
       field_status = CASE WHEN EXCLUDED.field_status IS NULL OR u.field_value IS NOT DISTINCT FROM $4 OR u.field_status = 'writing'
                           THEN u.field_status ELSE 'due' END`,
    gcUserId,
    email,
    integrations.projectId,
    link?.url ?? null,
  );
}

type DueUser = { gcUserId: string; email: string; fieldValue: string | null; runId: bigint | null };

async function claimDue(limit: number): Promise<DueUser[]> {
  return db.$queryRawUnsafe<DueUser[]>(
    `WITH due AS (
       SELECT gc_user_id FROM start_link_users
       WHERE field_status = 'due' OR (field_status = 'writing' AND updated_at < $2::timestamp)
       ORDER BY updated_at, gc_user_id LIMIT $1 FOR UPDATE SKIP LOCKED
     )
     UPDATE start_link_users u SET field_status = 'writing', updated_at = now() FROM due WHERE u.gc_user_id = due.gc_user_id
     RETURNING u.gc_user_id AS "gcUserId", u.email, u.field_value AS "fieldValue", u.run_id AS "runId"`,
    limit,
    new Date(Date.now() - STALE_WRITING_MS),
  );
}

async function linkedNow(projectId: string, user: DueUser): Promise<boolean> {
  const rows = await db.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM (SELECT $1::text AS gc_user_id, $2::text AS email) u WHERE NOT ${NOT_LINKED}`,
    user.gcUserId,
    user.email,
    projectId,
  );
  return rows.length > 0;
}

export type FieldWriteResult = {
  written: number;
  skipped: number;
  stoppedBy?: "not_configured" | "no_bot" | "field_missing" | "gc_unavailable";
};

const reported = new Set<string>();
function warnOnce(key: string, message: string, fields: Record<string, unknown>): void {
  if (reported.has(key)) return;
  reported.add(key);
  log.warn(message, fields);
}

/** One pass of the field writer: up to `limit` due users. */
export async function writeDueStartLinkFields(options: { limit?: number } = {}): Promise<FieldWriteResult> {
  const result: FieldWriteResult = { written: 0, skipped: 0 };
  let integrations: Integrations;
  try {
    integrations = getIntegrations();
  } catch {
    return { ...result, stoppedBy: "not_configured" };
  }
  if (!botOf(integrations)) {
    warnOnce(
      "bot",
      "start links: no bot username configured (SALEBOT_BOT_USERNAME); personal links are not written",
      {},
    );
    return { ...result, stoppedBy: "no_bot" };
  }
  const field = startLinkFieldOf(integrations);
  const { gc, projectId } = integrations;
  if (
    !(await db.startLinkUser.findFirst({
      where: { fieldStatus: { in: ["due", "writing"] } },
      select: { gcUserId: true },
    }))
  )
    return result;
  try {
    // Cached by the client: no export request per user.
    const defined = await gc.definedUserFields([field]);
    if (defined.missing.length > 0) {
      warnOnce(
        `field:${field}`,
        "start links: GetCourse has no user field with this name; create it to have personal links written",
        { field },
      );
      return { ...result, stoppedBy: "field_missing" };
    }
  } catch (error) {
    log.warn("start links: GetCourse field dictionary unavailable", { error });
    return { ...result, stoppedBy: "gc_unavailable" };
  }
  reported.delete(`field:${field}`);

  const due = await claimDue(options.limit ?? FIELD_WRITES_PER_RUN);
  const runs = new Set<bigint>();
  for (const [index, user] of due.entries()) {
    if (user.runId !== null) runs.add(user.runId);
    const link = personalStartLink(integrations, user.gcUserId);
    if (!link) break;
    if (await linkedNow(projectId, user)) {
      await db.startLinkUser.update({
        where: { gcUserId: user.gcUserId },
        data: { fieldStatus: "skipped", fieldError: "linked" },
      });
      result.skipped += 1;
      continue;
    }
    if (user.fieldValue === link.url) {
      // The field already holds this link: nothing to spend a call on.
      await db.startLinkUser.update({ where: { gcUserId: user.gcUserId }, data: { fieldStatus: "written" } });
      result.skipped += 1;
      continue;
    }
    try {
      await gc.writeUserField(
        gc.keyMode === "tech_api" ? { userId: Number(user.gcUserId) } : { email: user.email },
        field,
        link.url,
      );
      await db.startLinkUser.update({
        where: { gcUserId: user.gcUserId },
        data: { fieldStatus: "written", fieldValue: link.url, fieldWrittenAt: new Date(), fieldError: null },
      });
      result.written += 1;
    } catch (error) {
      if (
        isOutboundError(error) &&
        (error.retryable || error.kind === "auth_failed" || error.kind === "plan_has_no_api")
      ) {
        const rest = due.slice(index).map((u) => u.gcUserId);
        await db.startLinkUser.updateMany({
          where: { gcUserId: { in: rest }, fieldStatus: "writing" },
          data: { fieldStatus: "due" },
        });
        log.warn("start links: GetCourse unavailable, field writes paused", { deferred: rest.length, error });
        result.stoppedBy = "gc_unavailable";
        break;
      }
      // This one user is gone or refused: noted on the row, the others go on.
      const detail = error instanceof Error ? error.message : String(error);
      await db.startLinkUser.update({
        where: { gcUserId: user.gcUserId },
        data: { fieldStatus: "skipped", fieldError: detail.slice(0, 500) },
      });
      result.skipped += 1;
    }
  }
  for (const runId of runs) await updateRunProgress(runId);
  return result;
}

// ---------- the bulk run from Settings ----------

export type StartLinkRunView = {
  id: string;
  status: BackfillRun["status"];
  processed: number;
  total: number;
  written: number;
  startedBy: string | null;
  startedAt: string;
  finishedAt: string | null;
  message: string | null;
};

async function updateRunProgress(runId: bigint): Promise<void> {
  const [counts] = await db.$queryRawUnsafe<{ open: number; done: number }[]>(
    `SELECT count(*) FILTER (WHERE field_status IN ('due', 'writing'))::int AS open, count(*) FILTER (WHERE field_status NOT IN ('due', 'writing'))::int AS done
     FROM start_link_users WHERE run_id = $1`,
    runId,
  );
  const finished = (counts?.open ?? 0) === 0;
  const run = await db.backfillRun.findUnique({ where: { id: runId }, select: { total: true } });
  // The total is fixed when the run starts; a row can only leave the run's set, never join it.
  const processed = Math.min(counts?.done ?? 0, run?.total ?? 0);
  await db.backfillRun.updateMany({
    where: { id: runId, status: "running" },
    data: { processed, ...(finished ? { status: "done", finishedAt: new Date() } : {}) },
  });
}

/**
 * Marks every GetCourse user the hub knows (from orders and earlier links handed out) who is not
 * linked in the project as due, under one run whose progress Settings shows. One run at a time:
 * a second start while one runs answers the running one.
 */
export async function startBulkFieldWrite(startedBy: string): Promise<StartLinkRunView> {
  const running = await db.backfillRun.findFirst({
    where: { kind: START_LINKS_RUN_KIND, status: "running" },
    orderBy: { id: "desc" },
  });
  if (running) return runView(running, await writtenIn(running.id));
  const { projectId } = getIntegrations();
  const run = await db.backfillRun.create({
    data: { kind: START_LINKS_RUN_KIND, status: "running", filters: {}, startedBy },
  });
  await db.$executeRawUnsafe(
    // Only known to the directory here: the UPDATE below alone decides who is in the run, so the
    // run's total and its progress count the same rows (a linked user is in neither).
    `INSERT INTO start_link_users AS u (gc_user_id, email, updated_at)
     SELECT DISTINCT ON (o.gc_user_id) o.gc_user_id, lower(trim(o.email)), now()
     FROM gc_orders o
     WHERE o.gc_user_id ~ '^[0-9]{1,19}$' AND o.email IS NOT NULL AND trim(o.email) <> ''
     ORDER BY o.gc_user_id, o.updated_at DESC
     ON CONFLICT (gc_user_id) DO NOTHING`,
  );
  const total = await db.$executeRawUnsafe(
    `UPDATE start_link_users u SET field_status = 'due', run_id = $1, updated_at = now()
     WHERE (u.field_status IS DISTINCT FROM 'writing') AND ${NOT_LINKED.replace("$3", "$2")}`,
    run.id,
    projectId,
  );
  const updated = await db.backfillRun.update({
    where: { id: run.id },
    data: { total, ...(total === 0 ? { status: "done", finishedAt: new Date() } : {}) },
  });
  return runView(updated, 0);
}

async function writtenIn(runId: bigint): Promise<number> {
  return db.startLinkUser.count({ where: { runId, fieldStatus: "written" } });
}

function runView(run: BackfillRun, written: number): StartLinkRunView {
  return {
    id: run.id.toString(),
    status: run.status,
    processed: run.processed,
    total: run.total ?? 0,
    written,
    startedBy: run.startedBy,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    message: run.error,
  };
}

/** The newest run, finished or not, so Settings keeps showing how the last one ended. */
export async function latestStartLinkRun(): Promise<StartLinkRunView | null> {
  const run = await db.backfillRun.findFirst({ where: { kind: START_LINKS_RUN_KIND }, orderBy: { id: "desc" } });
  return run ? runView(run, await writtenIn(run.id)) : null;
}
