import { db } from "@/lib/db";
import { type AttemptOutcome, type LinkSource, Prisma } from "@/lib/generated/prisma/client";
import type { LinkErrorCode } from "./codes";
import type { LinkRequest } from "./schemas";

export type AttemptRecord = {
  requestId: string;
  projectId: string;
  request: LinkRequest;
  source: LinkSource;
  actor?: string;
  outcome: AttemptOutcome;
  errorCode?: LinkErrorCode;
  errorDetail?: string;
  gcUserId?: string;
  durationMs: number;
  /** The open failure this attempt retries: a failed retry updates it instead of opening another. */
  retryOf?: bigint;
};

/**
 * Writes one attempt, in one statement. A success resolves every open failure of the same client
 * or e-mail (the Failures page lists what still needs someone). A retry that fails again does not
 * open a second failure: the open one it retried takes the latest outcome, code and detail and
 * counts the retry, and the retry's own row is kept as history (`retry_of`), closed at once. A
 * dismissed failure stays dismissed. When the retried failure is gone (closed otherwise), the
 * retry's row is an open failure of its own. The new row is not visible to the UPDATE in the same
 * statement, so it is never touched.
 */
export async function recordAttempt(record: AttemptRecord): Promise<bigint> {
  const { request } = record;
  const now = new Date();
  const success = record.outcome === "success";
  const resolves = success
    ? Prisma.sql`project_id = ${record.projectId} AND outcome <> 'success' AND (sb_client_id = ${request.sbClientId} OR email = ${request.email})`
    : Prisma.sql`false`;
  const retried = !success && record.retryOf !== undefined ? record.retryOf : null;
  const input = JSON.stringify({ email: request.email, telegram_id: request.telegramId, sb_id: request.sbClientId });
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH resolved AS (
      UPDATE link_attempts SET resolved_at = ${now} WHERE resolved_at IS NULL AND ${resolves} RETURNING 1
    ), still_open AS (
      UPDATE link_attempts
         SET outcome = ${record.outcome}::"AttemptOutcome", error_code = ${record.errorCode ?? null},
             error_detail = ${record.errorDetail?.slice(0, 2_000) ?? null}, gc_user_id = COALESCE(${record.gcUserId ?? null}, gc_user_id),
             retry_count = retry_count + 1, last_retried_at = ${now}
       WHERE id = ${retried} AND resolved_at IS NULL
       RETURNING id
    ), folded AS (
      SELECT id FROM still_open
      UNION ALL SELECT id FROM link_attempts WHERE id = ${retried} AND dismissed_at IS NOT NULL
    )
    INSERT INTO link_attempts (request_id, project_id, sb_client_id, telegram_id, email, source, actor, outcome,
                               error_code, error_detail, gc_user_id, duration_ms, input, created_at, resolved_at, retry_of)
    VALUES (${record.requestId}, ${record.projectId}, ${request.sbClientId}, ${request.telegramId}, ${request.email},
            ${record.source}::"LinkSource", ${record.actor ?? null}, ${record.outcome}::"AttemptOutcome",
            ${record.errorCode ?? null}, ${record.errorDetail?.slice(0, 2_000) ?? null}, ${record.gcUserId ?? null},
            ${Math.round(record.durationMs)}, ${input}::jsonb, ${now},
            -- Dates travel as UTC wall time (the pg adapter), so the cast keeps them as they are.
            CASE WHEN ${success} OR EXISTS (SELECT 1 FROM folded) THEN ${now}::timestamp END,
            (SELECT id FROM folded LIMIT 1))
    RETURNING id`;
  const created = rows[0];
  if (!created) throw new Error("link attempt was not recorded");
  return created.id;
}

/** Marks the open attempts of a client that failed with `code` as resolved (the retry made it). */
export async function resolveOpenAttempts(projectId: string, sbClientId: string, code: LinkErrorCode): Promise<number> {
  const { count } = await db.linkAttempt.updateMany({
    where: { projectId, sbClientId, errorCode: code, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  return count;
}
