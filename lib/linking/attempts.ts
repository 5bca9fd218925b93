import { db } from "@/lib/db";
import type { AttemptOutcome, LinkSource } from "@/lib/generated/prisma/client";
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
 * Writes one attempt. A success resolves every open failure of the same client or e-mail (the
 * Failures page lists what still needs someone); a retry resolves the attempt it retries.
 */
export async function recordAttempt(record: AttemptRecord): Promise<bigint> {
  const { request } = record;
  return db.$transaction(async (tx) => {
    const now = new Date();
    if (record.outcome === "success") {
      await tx.linkAttempt.updateMany({
        where: {
          projectId: record.projectId,
          resolvedAt: null,
          outcome: { not: "success" },
          OR: [{ sbClientId: request.sbClientId }, { email: request.email }],
        },
        data: { resolvedAt: now },
      });
    } else if (record.retryOf !== undefined) {
      await tx.linkAttempt.updateMany({ where: { id: record.retryOf, resolvedAt: null }, data: { resolvedAt: now } });
    }
    const created = await tx.linkAttempt.create({
      data: {
        requestId: record.requestId,
        projectId: record.projectId,
        sbClientId: request.sbClientId,
        telegramId: request.telegramId,
        email: request.email,
        source: record.source,
        actor: record.actor,
        outcome: record.outcome,
        errorCode: record.errorCode,
        errorDetail: record.errorDetail?.slice(0, 2_000),
        gcUserId: record.gcUserId,
        durationMs: Math.round(record.durationMs),
        input: { email: request.email, telegram_id: request.telegramId, sb_id: request.sbClientId },
        resolvedAt: record.outcome === "success" ? now : null,
      },
      select: { id: true },
    });
    return created.id;
  });
}

/** Marks the open attempts of a client that failed with `code` as resolved (the retry made it). */
export async function resolveOpenAttempts(projectId: string, sbClientId: string, code: LinkErrorCode): Promise<number> {
  const { count } = await db.linkAttempt.updateMany({
    where: { projectId, sbClientId, errorCode: code, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
  return count;
}
