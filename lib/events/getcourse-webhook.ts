import { getEnv } from "@/lib/env";
import { log } from "@/lib/observability/log";
import { postgresSafeJson } from "@/lib/postgres-text";
import { metrics } from "@/lib/observability/metrics";
import { ingestOrderEvent, type Forwarder } from "./getcourse-ingest";
import { parseGetCourseCall } from "./getcourse-parse";

export type GetCourseWebhookAnswer =
  | { success: true; stored: boolean; duplicate: boolean; dealId: string; kind: string }
  | { success: true; stored: false; ignored: string };

/**
 * One call of /api/webhooks/getcourse, whichever caller made it. Throws a ZodError for malformed
 * input (the route answers 400 and nothing is stored); answers only after the event is committed.
 */
export async function acceptGetCourseCall(
  input: { query: Record<string, string>; body: unknown; requestId?: string },
  options: { forward?: Forwarder; receivedAt?: Date } = {},
): Promise<GetCourseWebhookAnswer> {
  // NULs and lone surrogates would fail the jsonb insert (500); they mean nothing in GC's fields.
  const clean = { query: postgresSafeJson(input.query), body: postgresSafeJson(input.body), requestId: input.requestId };
  const parsed = parseGetCourseCall(clean, { receivedAt: options.receivedAt ?? new Date(), timeZone: getEnv().TIME_ZONE });
  if (parsed.kind === "ignored") {
    log.info("getcourse webhook ignored", { requestId: input.requestId, reason: parsed.reason });
    metrics().webhooksIngested.inc({ source: "getcourse", outcome: "ignored" });
    return { success: true, stored: false, ignored: parsed.reason };
  }
  const { event } = parsed;
  const stored = await ingestOrderEvent(event, { forward: options.forward, requestId: input.requestId });
  metrics().webhooksIngested.inc({ source: "getcourse", outcome: stored.stored ? "stored" : "duplicate" });
  return { success: true, stored: stored.stored, duplicate: !stored.stored, dealId: event.dealId, kind: event.kind };
}
