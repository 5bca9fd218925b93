import { isOutboundError, type OutboundError } from "@/lib/outbound/errors";

/**
 * What a failed `get_variables` means for the queue. Pure, unit-tested.
 *   not_found  → the client is gone from Salebot: fetched, with no variables;
 *   outage     → Salebot (or our key) is the problem, not this client: stop the run and back off,
 *                never give the client up (it is fetched once Salebot answers again);
 *   client     → something about this client's answer: retry it later, give up after a while.
 */
export type FailureKind = "not_found" | "outage" | "client";

export function classifyFailure(error: unknown): FailureKind {
  if (!isOutboundError(error)) return "client";
  if (error.kind === "not_found") return "not_found";
  if (error.retryable || error.kind === "auth_failed" || error.kind === "plan_has_no_api") return "outage";
  return "client";
}

/** Give up on a client whose own answer failed this many times (≈ 1.5 days with the delays below). */
export const MAX_CLIENT_ATTEMPTS = 12;
const FIRST_RETRY_SECONDS = 30;
const MAX_RETRY_SECONDS = 6 * 3600;

/** When this client is next tried after its `attempts`-th failure. */
export function clientRetrySeconds(attempts: number): number {
  return Math.min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
}

const FIRST_OUTAGE_SECONDS = 5;
const MAX_OUTAGE_SECONDS = 300;

/** Pause of the whole worker after `outages` runs in a row ended by an outage; Retry-After wins when longer. */
export function outagePauseSeconds(outages: number, error?: OutboundError | unknown): number {
  const own = Math.min(MAX_OUTAGE_SECONDS, FIRST_OUTAGE_SECONDS * 2 ** Math.max(0, outages - 1));
  const asked = isOutboundError(error) ? (error.retryAfterSeconds ?? 0) : 0;
  return Math.max(own, Math.min(asked, MAX_OUTAGE_SECONDS));
}
