import { db, dbPool } from "@/lib/db";
import type { AttemptOutcome, LinkSource } from "@/lib/generated/prisma/client";
import type { LinkErrorCode } from "./codes";
import type { HeldLease } from "./key-lock";
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
  /** The link's last write: the lease is given up in the same statement (lib/linking/key-lock.ts). */
  lease?: HeldLease;
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
  const success = record.outcome === "success";
  const retried = !success && record.retryOf !== undefined ? String(record.retryOf) : null;
  const detail = record.errorDetail?.slice(0, 2_000) ?? null;
  const input = JSON.stringify({ email: request.email, telegram_id: request.telegramId, sb_id: request.sbClientId });
  // On the pool without Prisma's query engine (lib/linking/link-store.ts): every link writes one.
  // Times in UTC wall time, as Prisma writes them; one now() for the whole statement.
  // Named, so each pooled connection parses and plans this statement once (as link_save).
  const { rows } = await dbPool().query<{ id: string }>({
    name: "link_attempt_record",
    text: `WITH now_utc AS (SELECT (now() AT TIME ZONE 'UTC')::timestamp AS at
    ), resolved AS (
      UPDATE link_attempts SET resolved_at = (SELECT at FROM now_utc)
       WHERE resolved_at IS NULL AND $12::boolean AND project_id = $2 AND outcome <> 'success' AND (sb_client_id = $3 OR email = $5)
       RETURNING 1
    ), still_open AS (
      UPDATE link_attempts
         SET outcome = $8::"AttemptOutcome", error_code = $9, error_detail = $10, gc_user_id = COALESCE($11, gc_user_id),
             retry_count = retry_count + 1, last_retried_at = (SELECT at FROM now_utc)
       WHERE id = $15::bigint AND resolved_at IS NULL
       RETURNING id
    ), released AS (
      DELETE FROM link_key_leases WHERE key = ANY($16::text[]) AND holder = $17 RETURNING 1
    ), folded AS (
      SELECT id FROM still_open
      UNION ALL SELECT id FROM link_attempts WHERE id = $15::bigint AND dismissed_at IS NOT NULL
    )
    INSERT INTO link_attempts (request_id, project_id, sb_client_id, telegram_id, email, source, actor, outcome,
                               error_code, error_detail, gc_user_id, duration_ms, input, created_at, resolved_at, retry_of)
    SELECT $1, $2, $3, $4, $5, $6::"LinkSource", $7, $8::"AttemptOutcome", $9, $10, $11, $13, $14::jsonb, now_utc.at,
           CASE WHEN $12::boolean OR EXISTS (SELECT 1 FROM folded) THEN now_utc.at END,
           (SELECT id FROM folded LIMIT 1)
      FROM now_utc
    RETURNING id::text`,
    values: [
      record.requestId,
      record.projectId,
      request.sbClientId,
      request.telegramId,
      request.email,
      record.source,
      record.actor ?? null,
      record.outcome,
      record.errorCode ?? null,
      detail,
      record.gcUserId ?? null,
      success,
      Math.round(record.durationMs),
      input,
      retried,
      record.lease?.keys ?? [],
      record.lease?.holder ?? null,
    ],
  });
  const created = rows[0];
  if (!created) throw new Error("link attempt was not recorded");
  record.lease?.givenUp();
  return BigInt(created.id);
}

/** Marks the open attempts of a client that failed with `code` as resolved (the retry made it). */
export async function resolveOpenAttempts(projectId: string, sbClientId: string, code: LinkErrorCode): Promise<number> {
  const { count } = await db.linkAttempt.updateMany({
    where: { projectId, sbClientId, errorCode: code, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  return count;
}
