import type { LinkProof, LinkSource } from "@/lib/generated/prisma/client";
import { GAVE_UP_SUFFIX, LINK_DETAILS } from "./details";
import { db } from "@/lib/db";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { retryDelaySeconds, withinRetryWindow } from "@/lib/jobs/retry-schedule";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { recordAttempt } from "./attempts";
import { gcFailure, LinkFailure, type LinkErrorCode } from "./codes";
import { withKeyLocks } from "./key-lock";
import { existingLinks, findLinksStatement, saveLink } from "./link-store";
import { decideLink, proofColumns } from "./links";
import type { LinkRequest } from "./schemas";

export type LinkContext = {
  source: LinkSource;
  /**
   * How the customer proved they own the e-mail: `email_code` from /connect; `start_link` is for
   * the personal start links (`/start <code>`), which pass it here when they arrive. Absent: unproven.
   */
  proof?: LinkProof;
  requestId: string;
  actor?: string;
  /**
   * The GetCourse user the link must end at (a start code names one): a link that would land on
   * another user (the e-mail moved in GetCourse) is refused as a conflict, never saved.
   */
  expectGcUserId?: string;
  /** Set when the queue runs a link again. */
  retry?: RetryState;
};

export type RetryState = { count: number; firstAttemptAt: string; attemptId: string };

export type LinkOutcome =
  | { success: true; gcUserId: string; alreadyLinked: boolean; salebotPending: boolean }
  | { success: false; error: LinkErrorCode; detail: string; queued: boolean };

export type LinkRetryJob = {
  request: LinkRequest;
  source: LinkSource;
  proof?: LinkProof;
  actor?: string;
  expectGcUserId?: string;
  requestId: string;
  retry: RetryState;
};
export type SalebotSyncJob = {
  projectId: string;
  request: LinkRequest;
  gcUserId: string;
  requestId: string;
  count: number;
  firstAttemptAt: string;
};

/** GetCourse gets 9 s in all, so the bot hears back within 10 s whatever GetCourse does. */
const GC_DEADLINE_MS = 9_000;

function deadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new LinkFailure("gc_unavailable", LINK_DETAILS.text("gcNotFinished", { seconds: String(ms / 1000) }))),
      ms,
    );
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}

/**
 * Finds the GC user, checks both custom fields exist (the seed's check), writes them, learns the
 * id: through the Tech API, or the Legacy import by field name with the school key alone.
 */
export async function writeKeysToGetCourse(
  { gc, fields, unknownEmail }: Integrations,
  request: LinkRequest,
): Promise<string> {
  const values: Record<string, string> = { [fields.salebot]: request.sbClientId };
  if (request.telegramId) values[fields.telegram] = request.telegramId;
  try {
    const written = await gc.writeUserKeys(request.email, values, {
      policy: unknownEmail,
      alsoRequire: [fields.telegram],
    });
    return String(written.gcUserId);
  } catch (error) {
    throw gcFailure(error, fields);
  }
}

export async function writeKeysToSalebot({ sb }: Integrations, request: LinkRequest, gcUserId: string): Promise<void> {
  await sb.saveVariables({
    clientId: request.sbClientId,
    variables: { email: request.email, gc_user_id: gcUserId },
    scope: "client",
  });
}

function assertExpectedUser(context: LinkContext, gcUserId: string): void {
  if (context.expectGcUserId !== undefined && context.expectGcUserId !== gcUserId)
    throw new LinkFailure(
      "conflict",
      LINK_DETAILS.text("startLinkOtherUser", { actual: gcUserId, named: context.expectGcUserId }),
    );
}

/**
 * The linking flow: conflict rule → GetCourse fields → stored link → Salebot variables, every
 * attempt logged. GetCourse down → `gc_unavailable`, and the queue carries the link on for 24 h;
 * Salebot down after GetCourse succeeded → the link stands and only the Salebot part is retried.
 */
export async function linkCustomer(request: LinkRequest, context: LinkContext): Promise<LinkOutcome> {
  const integrations = getIntegrations();
  const { projectId } = integrations;
  const keys = [`client:${projectId}:${request.sbClientId}`, `email:${projectId}:${request.email}`];
  // The links are read in the lease's round trip, once the keys are held.
  const outcome = await withKeyLocks(
    keys,
    async (lease): Promise<LinkOutcome> => {
      const started = performance.now();
      const base = { requestId: context.requestId, projectId, request, source: context.source, actor: context.actor };
      const retryOf = context.retry ? BigInt(context.retry.attemptId) : undefined;
      try {
        const decision = decideLink(existingLinks(lease.read, request), request);
        if (decision.kind === "conflict") throw new LinkFailure("conflict", decision.detail);
        if (decision.kind === "already_linked") {
          const gcUserId = decision.link.gcUserId as string;
          assertExpectedUser(context, gcUserId);
          // The same link proven now (e.g. a bot link, then the e-mailed code): keep the proof.
          if (context.proof)
            await db.link.update({ where: { id: decision.link.id }, data: proofColumns(context.proof) });
          await recordAttempt({
            ...base,
            outcome: "success",
            gcUserId,
            errorDetail: LINK_DETAILS.text("alreadyLinked"),
            durationMs: performance.now() - started,
            lease,
          });
          return { success: true, gcUserId, alreadyLinked: true, salebotPending: false };
        }

        const gcUserId = await deadline(writeKeysToGetCourse(integrations, request), GC_DEADLINE_MS);
        assertExpectedUser(context, gcUserId);
        await saveLink(projectId, request, gcUserId, context.source, context.proof);

        let salebotPending = false;
        try {
          await writeKeysToSalebot(integrations, request, gcUserId);
        } catch (error) {
          salebotPending = true;
          const detail = error instanceof Error ? error.message : String(error);
          await recordAttempt({
            ...base,
            retryOf,
            outcome: "queued",
            gcUserId,
            errorCode: "salebot_unavailable",
            errorDetail: detail,
            durationMs: performance.now() - started,
          });
          const job: SalebotSyncJob = {
            projectId,
            request,
            gcUserId,
            requestId: context.requestId,
            count: 0,
            firstAttemptAt: new Date().toISOString(),
          };
          await enqueue(QUEUES.salebotSync, job, retryDelaySeconds(0));
          return { success: true, gcUserId, alreadyLinked: false, salebotPending };
        }
        // The last write under the lease: it gives the lease up too (not above, where a job follows).
        await recordAttempt({ ...base, outcome: "success", gcUserId, durationMs: performance.now() - started, lease });
        return { success: true, gcUserId, alreadyLinked: false, salebotPending };
      } catch (error) {
        const failure = error instanceof LinkFailure ? error : new LinkFailure("internal_error", String(error));
        if (failure.code === "internal_error")
          log.error("link failed unexpectedly", { requestId: context.requestId, error });
        const durationMs = performance.now() - started;
        if (failure.code !== "gc_unavailable") {
          await recordAttempt({
            ...base,
            retryOf,
            outcome: "failed",
            errorCode: failure.code,
            errorDetail: failure.detail,
            durationMs,
            lease,
          });
          return { success: false, error: failure.code, detail: failure.detail, queued: false };
        }
        const firstAttemptAt = context.retry?.firstAttemptAt ?? new Date().toISOString();
        const retrying = withinRetryWindow(firstAttemptAt);
        const detail = retrying ? failure.detail : `${failure.detail}${GAVE_UP_SUFFIX}`;
        const outcome = retrying ? "queued" : "failed";
        const attemptId = await recordAttempt({
          ...base,
          retryOf,
          outcome,
          errorCode: failure.code,
          errorDetail: detail,
          durationMs,
        });
        if (retrying) {
          // The queue keeps retrying the one open failure: the retried one, which this try was folded into.
          const retry: RetryState = {
            count: (context.retry?.count ?? -1) + 1,
            firstAttemptAt,
            attemptId: String(retryOf ?? attemptId),
          };
          const job: LinkRetryJob = {
            request,
            source: context.source,
            proof: context.proof,
            actor: context.actor,
            expectGcUserId: context.expectGcUserId,
            requestId: context.requestId,
            retry,
          };
          await enqueue(QUEUES.linkRetry, job, retryDelaySeconds(retry.count));
        }
        return { success: false, error: failure.code, detail, queued: retrying };
      }
    },
    findLinksStatement(projectId, request),
  );
  metrics().linkOutcomes.inc({
    code: outcome.success ? "success" : outcome.error,
    queued: String(outcome.success ? outcome.salebotPending : outcome.queued),
  });
  return outcome;
}
