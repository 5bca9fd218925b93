import { getEnv } from "@/lib/env";
import { RawRequestBody } from "@/lib/http";
import { log } from "@/lib/observability/log";
import { postgresSafeJson } from "@/lib/postgres-text";
import { metrics } from "@/lib/observability/metrics";
import { decodeGetCourseBody } from "./getcourse-body";
import { ingestOrderEvent, type Forwarder } from "./getcourse-ingest";
import { parseGetCourseCall } from "./getcourse-parse";
import { storeUnreadableCall } from "./getcourse-unreadable";

export type GetCourseWebhookAnswer =
  | { success: true; stored: boolean; duplicate: boolean; dealId: string; kind: string; inferred?: string[] }
  | { success: true; stored: false; ignored: string }
  | { success: true; stored: true; recognised: false; reason: string; detail: string };

/**
 * One call of /api/webhooks/getcourse, whichever caller made it. Never refuses a shape (GetCourse
 * never redelivers): an order event is stored, a call the hub cannot read is kept raw for an admin
 * (listed on /failures/getcourse); either way it answers only after the commit.
 * `body` is the route's `RawRequestBody`, or an already decoded body (tests, scripts).
 */
export async function acceptGetCourseCall(
  input: { query: Record<string, string>; body: unknown; method?: string; requestId?: string },
  options: { forward?: Forwarder; receivedAt?: Date } = {},
): Promise<GetCourseWebhookAnswer> {
  const decoded =
    input.body instanceof RawRequestBody ? decodeGetCourseBody(input.body) : { body: input.body, problem: null };
  // NULs and lone surrogates would fail the jsonb insert (500); they mean nothing in GC's fields.
  const clean = { query: postgresSafeJson(input.query), body: postgresSafeJson(decoded.body) };
  const parsed = parseGetCourseCall(clean, {
    receivedAt: options.receivedAt ?? new Date(),
    timeZone: getEnv().TIME_ZONE,
  });
  if (parsed.kind === "ignored") {
    log.info("getcourse webhook ignored", { requestId: input.requestId, reason: parsed.reason });
    metrics().webhooksIngested.inc({ source: "getcourse", outcome: "ignored" });
    return { success: true, stored: false, ignored: parsed.reason };
  }
  if (parsed.kind === "unreadable") {
    // A body that could not be read at all is the reason, whatever the URL lacked.
    const [reason, detail] = decoded.problem
      ? (["unreadable_body", decoded.problem] as const)
      : [parsed.reason, parsed.detail];
    await storeUnreadableCall({ ...input, reason, detail });
    log.warn("getcourse webhook kept raw: unreadable", { requestId: input.requestId, reason, detail });
    metrics().webhooksIngested.inc({ source: "getcourse", outcome: "unreadable" });
    return { success: true, stored: true, recognised: false, reason, detail };
  }
  const event = decoded.problem
    ? { ...parsed.event, inferred: [...(parsed.event.inferred ?? []), `${decoded.problem}; read from the URL only`] }
    : parsed.event;
  const stored = await ingestOrderEvent(event, { forward: options.forward, requestId: input.requestId });
  metrics().webhooksIngested.inc({ source: "getcourse", outcome: stored.stored ? "stored" : "duplicate" });
  const inferred = event.inferred?.length ? { inferred: event.inferred } : {};
  return {
    success: true,
    stored: stored.stored,
    duplicate: !stored.stored,
    dealId: event.dealId,
    kind: event.kind,
    ...inferred,
  };
}
