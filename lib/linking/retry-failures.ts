import { randomUUID } from "node:crypto";
import { LINK_DETAILS } from "./details";
import type PgBoss from "pg-boss";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { forbidden, HttpError, notFound } from "@/lib/http";
import { getIntegrations } from "@/lib/integrations";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { recordAttempt } from "./attempts";
import type { LinkErrorCode } from "./codes";
import { currentFieldState, currentHintContext, fixFor } from "./fix-hints";
import { linkCustomer, type LinkRetryJob, type SalebotSyncJob, writeKeysToSalebot } from "./link-customer";
import { type LinkRequest, linkRequestSchema } from "./schemas";

/*
 * "Retry" on the Failures page: the same pipeline as the bot's call, with source "admin" and the
 * person as actor. The retry names the failure it retries (`retry.attemptId`): a success closes
 * it, a new failure is written onto it (latest code and detail, one more retry), so the open list
 * shows each problem once and the attempt log keeps every try. A retry is refused where it cannot
 * work: conflicts (only an admin's relink moves a link), the bot's bad requests, and missing
 * GetCourse fields the last field check has not found since (lib/linking/fix-hints.ts).
 */

export type RetryOneResult =
  { kind: "linked" } | { kind: "failed"; code: LinkErrorCode; queued: boolean } | { kind: "nothing" };

/** Job keys are unique for 5 minutes, so a double click on "retry all" queues each failure once. */
const SINGLETON_SECONDS = 300;

type OpenAttempt = {
  id: bigint;
  requestId: string;
  projectId: string;
  errorCode: string | null;
  gcUserId: string | null;
  input: unknown;
};

/**
 * The request an attempt stored. recordAttempt writes a missing Telegram id (VK, WhatsApp) as
 * null, which the bot's schema (a string or nothing) refuses, so null reads as absent here.
 */
export function readStoredRequest(input: unknown): ReturnType<typeof linkRequestSchema.safeParse> {
  if (input && typeof input === "object" && !Array.isArray(input)) {
    const fields = input as Record<string, unknown>;
    return linkRequestSchema.safeParse({ ...fields, telegram_id: fields.telegram_id ?? undefined });
  }
  return linkRequestSchema.safeParse(input);
}

/** The failures of a group: the page groups failures without a code as internal_error. */
function codeWhere(code: string): Prisma.LinkAttemptWhereInput {
  return code === "internal_error" ? { OR: [{ errorCode: code }, { errorCode: null }] } : { errorCode: code };
}

function requestOf(attempt: OpenAttempt): LinkRequest {
  const parsed = readStoredRequest(attempt.input);
  if (!parsed.success)
    throw new HttpError(422, "unreadable", "This attempt's input cannot be read, so it cannot be retried.");
  return parsed.data;
}

/** Throws unless running the link again can work now (the page offers no button then either). */
async function refuseUseless(code: string | null): Promise<void> {
  if (code === null) return;
  const fix = fixFor(code, currentHintContext(), await currentFieldState());
  if (fix === "relink") throw new HttpError(409, "conflict", "A conflict is not retried: relink the client by hand.");
  if (fix !== "retry")
    throw new HttpError(422, "not_retryable", `A ${code} failure cannot succeed on a retry until its cause is fixed.`);
}

function checkProject(projectId: string): void {
  // The pipeline links into the configured project; another project's attempt cannot be replayed here.
  if (projectId !== getIntegrations().projectId)
    throw new HttpError(422, "unknown_project", "This attempt belongs to another Salebot project.");
}

/** GetCourse already holds the keys; only Salebot's variables are missing, so only they are written. */
async function retrySalebotPart(
  actor: SessionUser,
  attempt: OpenAttempt,
  request: LinkRequest,
): Promise<RetryOneResult> {
  const link = await db.link.findUnique({
    where: { projectId_sbClientId: { projectId: attempt.projectId, sbClientId: request.sbClientId } },
  });
  if (!link || link.email !== request.email || !link.gcUserId) {
    // The link changed since (a relink or an unlink): the whole flow decides what is right now.
    return retryThroughPipeline(actor, attempt, request);
  }
  const started = performance.now();
  const base = {
    requestId: randomUUID(),
    projectId: attempt.projectId,
    request,
    source: "admin" as const,
    actor: actor.email,
    gcUserId: link.gcUserId,
  };
  try {
    await writeKeysToSalebot(getIntegrations(), request, link.gcUserId);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    await recordAttempt({
      ...base,
      retryOf: attempt.id,
      outcome: "failed",
      errorCode: "salebot_unavailable",
      errorDetail: detail,
      durationMs: performance.now() - started,
    });
    return { kind: "failed", code: "salebot_unavailable", queued: false };
  }
  await recordAttempt({
    ...base,
    outcome: "success",
    errorDetail: LINK_DETAILS.text("salebotVariablesWritten"),
    durationMs: performance.now() - started,
  });
  return { kind: "linked" };
}

async function retryThroughPipeline(
  actor: SessionUser,
  attempt: OpenAttempt,
  request: LinkRequest,
): Promise<RetryOneResult> {
  const outcome = await linkCustomer(request, {
    source: "admin",
    actor: actor.email,
    requestId: randomUUID(),
    // A fresh 24-hour window: a person asked for this now.
    retry: { count: 0, firstAttemptAt: new Date().toISOString(), attemptId: String(attempt.id) },
  });
  return outcome.success ? { kind: "linked" } : { kind: "failed", code: outcome.error, queued: outcome.queued };
}

/** Retries one open failure now, inside the request (one link: a few GetCourse calls). */
export async function retryFailure(actor: SessionUser, attemptId: string): Promise<RetryOneResult> {
  if (!can(actor, "failures.retry")) throw forbidden();
  if (!/^\d{1,19}$/.test(attemptId)) throw notFound("Attempt");
  const attempt = await db.linkAttempt.findUnique({ where: { id: BigInt(attemptId) } });
  if (!attempt) throw notFound("Attempt");
  if (attempt.outcome === "success" || attempt.resolvedAt) return { kind: "nothing" };
  await refuseUseless(attempt.errorCode);
  checkProject(attempt.projectId);
  const request = requestOf(attempt);
  const result =
    attempt.errorCode === "salebot_unavailable"
      ? await retrySalebotPart(actor, attempt, request)
      : await retryThroughPipeline(actor, attempt, request);
  await recordAudit({
    actor,
    action: "failure.retry",
    target: `attempt:${attempt.id}`,
    before: { errorCode: attempt.errorCode, email: request.email, sbClientId: request.sbClientId },
    after:
      result.kind === "failed"
        ? { outcome: "failed", errorCode: result.code, queued: result.queued }
        : { outcome: result.kind },
  });
  return result;
}

/**
 * Queues every open failure of `code` for the link-retry worker instead of calling GetCourse
 * hundreds of times inside one request. Answers how many were queued; the failures leave the
 * open list as the worker gets through them.
 */
export async function retryAllOfCode(
  actor: SessionUser,
  code: string,
): Promise<{ queued: number; unreadable: number }> {
  if (!can(actor, "failures.retry")) throw forbidden();
  await refuseUseless(code);
  const { projectId } = getIntegrations();
  const attempts = await db.linkAttempt.findMany({
    where: { projectId, ...codeWhere(code), outcome: { not: "success" }, resolvedAt: null },
    select: { id: true, requestId: true, projectId: true, errorCode: true, gcUserId: true, input: true },
    orderBy: { id: "asc" },
  });
  const firstAttemptAt = new Date().toISOString();
  const jobs = attempts.flatMap((attempt): PgBoss.JobInsert[] => {
    const parsed = readStoredRequest(attempt.input);
    if (!parsed.success) return [];
    const request = parsed.data;
    const singleton = { singletonKey: `failure-retry:${attempt.id}`, singletonSeconds: SINGLETON_SECONDS };
    if (code === "salebot_unavailable" && attempt.gcUserId) {
      const data: SalebotSyncJob = {
        projectId,
        request,
        gcUserId: attempt.gcUserId,
        requestId: attempt.requestId,
        count: 0,
        firstAttemptAt,
      };
      return [{ name: QUEUES.salebotSync, data, ...singleton }];
    }
    const data: LinkRetryJob = {
      request,
      source: "admin",
      actor: actor.email,
      requestId: randomUUID(),
      retry: { count: 0, firstAttemptAt, attemptId: String(attempt.id) },
    };
    return [{ name: QUEUES.linkRetry, data, ...singleton }];
  });
  const boss = await getBoss();
  for (let start = 0; start < jobs.length; start += 500) await boss.insert(jobs.slice(start, start + 500));
  await recordAudit({
    actor,
    action: "failure.retry_all",
    target: `code:${code}`,
    before: { open: attempts.length },
    after: { queued: jobs.length },
  });
  // Said on the form: a click that queued nothing must say why.
  return { queued: jobs.length, unreadable: attempts.length - jobs.length };
}

export const DISMISS_REASON_MAX = 500;

/**
 * An admin closes an open failure that needs no fix (a test e-mail, a customer who gave up): it
 * leaves the open list, keeps its reason in the history, and the queue stops retrying it.
 */
export async function dismissFailure(
  actor: SessionUser,
  attemptId: string,
  reason: string,
): Promise<{ kind: "dismissed" | "nothing" }> {
  if (!can(actor, "failures.dismiss")) throw forbidden();
  const why = reason.trim();
  if (why.length === 0 || why.length > DISMISS_REASON_MAX)
    throw new HttpError(400, "bad_request", `A reason of 1 to ${DISMISS_REASON_MAX} characters is required.`);
  if (!/^\d{1,19}$/.test(attemptId)) throw notFound("Attempt");
  const id = BigInt(attemptId);
  return db.$transaction(async (tx) => {
    const now = new Date();
    const { count } = await tx.linkAttempt.updateMany({
      where: { id, outcome: { not: "success" }, resolvedAt: null },
      data: { resolvedAt: now, dismissedAt: now, dismissedBy: actor.email, dismissReason: why },
    });
    if (count === 0) {
      if (!(await tx.linkAttempt.findUnique({ where: { id }, select: { id: true } }))) throw notFound("Attempt");
      return { kind: "nothing" as const };
    }
    const attempt = await tx.linkAttempt.findUniqueOrThrow({
      where: { id },
      select: { errorCode: true, email: true, sbClientId: true },
    });
    await recordAudit(
      {
        actor,
        action: "failure.dismiss",
        target: `attempt:${id}`,
        before: { ...attempt, status: "open" },
        after: { status: "dismissed", reason: why },
      },
      tx,
    );
    return { kind: "dismissed" as const };
  });
}

/** A queued retry of a failure an admin dismissed meanwhile is dropped. */
export async function wasDismissed(attemptId: string): Promise<boolean> {
  if (!/^\d{1,19}$/.test(attemptId)) return false;
  const row = await db.linkAttempt.findUnique({ where: { id: BigInt(attemptId) }, select: { dismissedAt: true } });
  return row?.dismissedAt != null;
}
