import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { forbidden, notFound, RawRequestBody } from "@/lib/http";
import { postgresSafeJson, postgresSafeText } from "@/lib/postgres-text";
import { toUnreadableCallRow } from "@/lib/queries/getcourse-calls";
import { decodeGetCourseBody, redactQuery, redactSecrets } from "./getcourse-body";
import { ingestOrderEvent, type Forwarder } from "./getcourse-ingest";
import { parseGetCourseCall, type UnreadableReason } from "./getcourse-parse";

/**
 * GetCourse calls the hub could not read as an order event. They are kept as they came (secrets
 * redacted) so nothing is lost: an admin sees them on /failures/getcourse with a fix hint, fixes
 * the URL template in GetCourse, and re-processes what was kept (optionally naming the deal id the
 * call lacked) or marks it handled. The list is read in lib/queries/getcourse-calls.ts.
 */

/** The route's size limit (lib/http-node.ts); a longer text is cut, never refused. */
const MAX_BODY_CHARS = 256 * 1024;

function bodyText(body: unknown): string | null {
  if (body instanceof RawRequestBody)
    return body.form && body.text === "" ? new URLSearchParams(body.form).toString() : body.text;
  if (body === undefined) return null;
  return typeof body === "string" ? body : (JSON.stringify(body) ?? null);
}

export async function storeUnreadableCall(call: {
  query: Record<string, string>;
  body: unknown;
  method?: string;
  requestId?: string;
  reason: UnreadableReason;
  detail: string;
}): Promise<bigint> {
  const text = bodyText(call.body);
  const row = await db.gcUnreadableCall.create({
    data: {
      method: call.body instanceof RawRequestBody ? call.body.method : (call.method ?? "POST"),
      contentType: call.body instanceof RawRequestBody ? call.body.contentType || null : null,
      query: postgresSafeJson(redactQuery(call.query)),
      body: text === null || text === "" ? null : postgresSafeText(redactSecrets(text.slice(0, MAX_BODY_CHARS))),
      reason: call.reason,
      detail: postgresSafeText(call.detail.slice(0, 500)),
      requestId: call.requestId ?? null,
    },
    select: { id: true },
  });
  return row.id;
}

async function openCall(id: string) {
  const row = /^\d{1,19}$/.test(id) ? await db.gcUnreadableCall.findUnique({ where: { id: BigInt(id) } }) : null;
  if (!row) throw notFound("GetCourse call");
  return row;
}

export type ReprocessResult =
  { kind: "stored"; dealId: string; eventKind: string } | { kind: "still_unreadable"; detail: string };

/**
 * Reads a kept call again (the reader may know more now, or the admin names the missing deal id)
 * and stores the order event it turns out to be.
 */
export async function reprocessUnreadableCall(
  actor: SessionUser,
  id: string,
  options: { dealId?: string; forward?: Forwarder } = {},
): Promise<ReprocessResult> {
  if (!can(actor, "failures.retry")) throw forbidden();
  const row = await openCall(id);
  const query = toUnreadableCallRow(row).query;
  const form = row.contentType?.includes("form") && row.body ? Object.fromEntries(new URLSearchParams(row.body)) : null;
  const decoded = decodeGetCourseBody({ text: row.body ?? "", form });
  const dealId = options.dealId?.trim();
  const withDeal = dealId ? { ...query, deal_id: dealId } : query;
  const parsed = parseGetCourseCall(
    { query: withDeal, body: decoded.body },
    { receivedAt: row.receivedAt, timeZone: getEnv().TIME_ZONE },
  );
  if (parsed.kind !== "event")
    return { kind: "still_unreadable", detail: parsed.kind === "ignored" ? parsed.reason : parsed.detail };
  const event = dealId
    ? { ...parsed.event, inferred: [...(parsed.event.inferred ?? []), `deal id ${dealId} given by ${actor.email}`] }
    : parsed.event;
  await ingestOrderEvent(event, { forward: options.forward });
  await db.gcUnreadableCall.update({
    where: { id: row.id },
    data: { handledAt: new Date(), handledBy: actor.email, dealId: event.dealId },
  });
  await recordAudit({
    actor,
    action: "getcourse_call.reprocess",
    target: `gc_unreadable_call:${row.id}`,
    after: { dealId: event.dealId, kind: event.kind },
  });
  return { kind: "stored", dealId: event.dealId, eventKind: event.kind };
}

/** "Mark handled": the admin dealt with it another way (or it was a test call). */
export async function dismissUnreadableCall(actor: SessionUser, id: string): Promise<void> {
  if (!can(actor, "failures.retry")) throw forbidden();
  const row = await openCall(id);
  if (row.handledAt) return;
  await db.gcUnreadableCall.update({ where: { id: row.id }, data: { handledAt: new Date(), handledBy: actor.email } });
  await recordAudit({ actor, action: "getcourse_call.dismiss", target: `gc_unreadable_call:${row.id}` });
}
