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
  /** The queued attempt this one retries; it is resolved by this one. */
  retryOf?: bigint;
};

/**
 * Writes one attempt, in one statement. A success resolves every open failure of the same client
 * or e-mail (the Failures page lists what still needs someone); a retry resolves the attempt it
 * retries. The new row is not visible to the UPDATE in the same statement, so it is never touched.
 */
export async function recordAttempt(record: AttemptRecord): Promise<bigint> {
  const { request } = record;
  const now = new Date();
  const resolves =
    record.outcome === "success"
      ? Prisma.sql`project_id = ${record.projectId} AND outcome <> 'success' AND (sb_client_id = ${request.sbClientId} OR email = ${request.email})`
      : record.retryOf !== undefined
        ? Prisma.sql`id = ${record.retryOf}`
        : Prisma.sql`false`;
  const input = JSON.stringify({ email: request.email, telegram_id: request.telegramId, sb_id: request.sbClientId });
  const rows = await db.$queryRaw<{ id: bigint }[]>`
    WITH resolved AS (
      UPDATE link_attempts SET resolved_at = ${now} WHERE resolved_at IS NULL AND ${resolves} RETURNING 1
    )
    INSERT INTO link_attempts (request_id, project_id, sb_client_id, telegram_id, email, source, actor, outcome,
                               error_code, error_detail, gc_user_id, duration_ms, input, created_at, resolved_at)
    VALUES (${record.requestId}, ${record.projectId}, ${request.sbClientId}, ${request.telegramId}, ${request.email},
            ${record.source}::"LinkSource", ${record.actor ?? null}, ${record.outcome}::"AttemptOutcome",
            ${record.errorCode ?? null}, ${record.errorDetail?.slice(0, 2_000) ?? null}, ${record.gcUserId ?? null},
            ${Math.round(record.durationMs)}, ${input}::jsonb, ${now}, ${record.outcome === "success" ? now : null})
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
