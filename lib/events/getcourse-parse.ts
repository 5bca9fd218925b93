import { z } from "zod";
import { isLooseEmail } from "@/lib/email";
import { jsonDepthExceeds } from "@/lib/json-depth";
import { postgresSafeJson } from "@/lib/postgres-text";
import { isTruthyFlag } from "@/lib/getcourse/flags";
import type { NormalisedOrderEvent, OrderEventKind, OrderEventSource } from "./order-event";
import { cleanValue, normaliseCurrency, normaliseStatus, PAID_STATUSES, parseMoney } from "./getcourse-values";
import { parseGcTime } from "./getcourse-time";

/**
 * Turns whatever GetCourse sent to /api/webhooks/getcourse into one `NormalisedOrderEvent`.
 * Two callers: a process «Вызвать URL» (field names are whatever the admin typed: query, form or
 * JSON), and Tech API deal webhooks (fixed JSON, sometimes wrapped as `{"json": {...}}`).
 * Both are first mapped onto one flat "canonical" record, which one zod schema checks, so errors
 * name the same fields whichever door the data came through.
 */

export type ParsedGetCourseCall = { kind: "event"; event: NormalisedOrderEvent } | { kind: "ignored"; reason: string };

type Raw = Record<string, unknown>;

const TECH_DEAL_EVENTS: Readonly<Record<string, OrderEventKind>> = {
  "getcourse/dealCreated": "created",
  "getcourse/dealPaid": "paid",
  "getcourse/dealStatusChanged": "status_changed",
};

/**
 * A Tech API event name's kind. Own keys only: a plain lookup would find `__proto__` or
 * `constructor` on Object.prototype and hand an object on as the event kind (a 500 at insert).
 */
function techDealKind(eventType: string): OrderEventKind | undefined {
  return Object.hasOwn(TECH_DEAL_EVENTS, eventType) ? TECH_DEAL_EVENTS[eventType] : undefined;
}

const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

const bodySchema = z.union([z.record(z.string(), z.unknown()), z.undefined(), z.null()], {
  error: "the body must be a JSON object, a form, or empty",
});

/** Tech API deliveries may arrive as `{"json": {...}}` (N8N saw it on live accounts), even as a JSON string. */
export function unwrapJsonEnvelope(body: Raw): Raw {
  const inner = body.json;
  if (isRecord(inner)) return inner;
  if (typeof inner === "string" && inner.trim().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(inner);
      // Same depth limit as a JSON body (lib/http.ts): deeper would overflow the stack later.
      // Cleaned like the outer body (lib/events/getcourse-webhook.ts): this text was not JSON yet then.
      if (isRecord(parsed) && !jsonDepthExceeds(parsed)) return postgresSafeJson(parsed);
    } catch {
      // Not JSON after all: treat `json` as an ordinary field.
    }
  }
  return body;
}

function first(record: Raw, names: readonly string[]): unknown {
  for (const name of names) {
    const value = record[name];
    if (cleanValue(value) !== null || typeof value === "boolean") return value;
  }
  return undefined;
}

const UTM_NAMES = ["source", "medium", "campaign", "content", "term"] as const;

/** The one record shape both callers are mapped onto. */
type Canonical = {
  source: OrderEventSource;
  event: unknown;
  deal_id: unknown;
  deal_number: unknown;
  user_id: unknown;
  email: unknown;
  status: unknown;
  is_paid: unknown;
  cost: unknown;
  paid: unknown;
  currency: unknown;
  offer: unknown;
  created_at: unknown;
  occurred_at: unknown;
  utm: Record<(typeof UTM_NAMES)[number], unknown>;
};

const utmFrom = (pick: (name: (typeof UTM_NAMES)[number]) => unknown) =>
  Object.fromEntries(UTM_NAMES.map((name) => [name, pick(name)])) as Canonical["utm"];

const techSchema = z
  .object({
    eventType: z.string(),
    ts64: z.unknown().optional(),
    user: z.object({ id: z.unknown(), gcId: z.unknown(), email: z.unknown() }).partial().loose().nullish(),
    deal: z.object({}).loose().nullish(),
  })
  .loose();

function fromTech(inner: z.output<typeof techSchema>): Canonical {
  const deal: Raw = inner.deal ?? {};
  const user = inner.user ?? {};
  // `user.id` is "accountId:userId"; `gcId` is the plain user id.
  const userId = user.gcId ?? (typeof user.id === "string" ? user.id.split(":").pop() : user.id);
  // Only ids that read as text: an object in the list (String() of it can throw) is not an offer id.
  const offers = Array.isArray(deal.offerIds) ? deal.offerIds.map(cleanValue).filter((id) => id !== null).join(",") : undefined;
  const kind = techDealKind(inner.eventType);
  // `ts`/`ts64` is the order's creation time, not the event's: only a creation happened then.
  const createdAt = inner.ts64 ?? deal.createdAt;
  return {
    source: "tech",
    event: inner.eventType,
    deal_id: deal.id,
    deal_number: deal.number,
    user_id: userId,
    email: user.email,
    status: deal.status,
    is_paid: deal.isPayed,
    cost: deal.cost,
    paid: deal.payedValue,
    currency: deal.currency,
    offer: first(deal, ["positions", "offerTitle", "title"]) ?? offers,
    created_at: createdAt,
    occurred_at: kind === "created" ? createdAt : undefined,
    utm: utmFrom((name) => first(deal, [`utm_${name}`, `utm${name[0]?.toUpperCase()}${name.slice(1)}`])),
  };
}

const FLAG_WORDS = /^(true|false|yes|no|да|нет)$/i;

function fromProcess(record: Raw): Canonical {
  const paidValue = first(record, ["paid", "payed", "payed_money", "paid_amount", "payed_value", "payedValue"]);
  // `paid` carries the amount in the URL the Settings page offers; a few admins send a yes/no flag there.
  const paidIsFlag = typeof paidValue === "boolean" || (typeof paidValue === "string" && FLAG_WORDS.test(paidValue.trim()));
  return {
    source: "process",
    event: first(record, ["event", "kind", "type", "eventType"]),
    deal_id: first(record, ["deal_id", "dealId", "order_id", "id"]),
    deal_number: first(record, ["deal_number", "dealNumber", "number", "order_number"]),
    user_id: first(record, ["user_id", "gc_user_id", "userId"]),
    email: first(record, ["email", "user_email"]),
    status: first(record, ["status", "deal_status"]),
    is_paid: first(record, ["is_paid", "is_payed", "isPayed", "deal_is_paid"]) ?? (paidIsFlag ? paidValue : undefined),
    cost: first(record, ["cost", "cost_money_value", "cost_money", "deal_cost", "amount"]),
    paid: paidIsFlag ? undefined : paidValue,
    currency: first(record, ["currency", "deal_currency"]),
    offer: first(record, ["offer", "positions", "offers", "product_title", "product"]),
    created_at: first(record, ["created_at", "deal_created_at"]),
    occurred_at: first(record, ["occurred_at", "ts", "payed_at", "status_changed_at"]),
    utm: utmFrom((name) => first(record, [`utm_${name}`, `deal_utm_${name}`])),
  };
}


const text = z.unknown().transform((value) => cleanValue(value));
const shortText = (max: number) => text.transform((value) => (value === null ? null : value.slice(0, max)));

/** One more than the largest amount a numeric(14, 2) column holds. */
const MAX_AMOUNT = 1e12;

const money = z.unknown().transform((value, context) => {
  const parsed = parseMoney(value);
  if (parsed === undefined) {
    context.addIssue({ code: "custom", message: `not an amount of money: ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  // The columns are numeric(14, 2): a larger amount would fail the insert (a 500) rather than be
  // reported as the caller's mistake.
  if (parsed && Math.abs(Number(parsed.amount)) >= MAX_AMOUNT) {
    context.addIssue({ code: "custom", message: `is larger than any order can be: ${String(value).slice(0, 40)}` });
    return z.NEVER;
  }
  return parsed;
});

const numericId = (what: string) =>
  text.refine((value) => value === null || /^\d{1,20}$/.test(value), { message: `must be a numeric GetCourse ${what} id` });

function eventKind(raw: string | null, source: OrderEventSource): OrderEventKind | undefined {
  // Exports are history: their rows are stored, never forwarded.
  if (source === "export") return "imported";
  if (raw === null) return "status_changed";
  const tech = techDealKind(raw);
  if (tech) return tech;
  const word = raw.toLowerCase().replace(/[^a-z]/g, "");
  if (/^(created?|new|dealcreated|ordercreated)$/.test(word)) return "created";
  if (/^(paid|payed|payment|dealpaid|orderpaid)$/.test(word)) return "paid";
  if (/^(status|statuschanged|changed|updated?|dealstatuschanged)$/.test(word)) return "status_changed";
  return undefined;
}

function canonicalSchema(options: { receivedAt: Date; timeZone: string }) {
  const time = z.unknown().transform((value) => parseGcTime(cleanValue(value), options.timeZone));
  return z
    .object({
      source: z.enum(["process", "tech", "export"]),
      event: text,
      deal_id: numericId("deal").pipe(z.string({ error: "required: the GetCourse deal id, e.g. {object.id}" })),
      deal_number: shortText(64),
      user_id: numericId("user"),
      email: text
        .transform((value) => value?.toLowerCase() ?? null)
        .refine((value) => value === null || isLooseEmail(value), { message: "not an e-mail address" }),
      status: z.unknown().transform((value) => normaliseStatus(value)),
      is_paid: z.unknown().transform((value) => {
        if (typeof value === "boolean" || typeof value === "number") return isTruthyFlag(value);
        const flag = cleanValue(value);
        return flag === null ? null : isTruthyFlag(flag) || /^да$/i.test(flag);
      }),
      cost: money,
      paid: money,
      currency: z.unknown().transform((value) => normaliseCurrency(value)),
      offer: shortText(500),
      created_at: time,
      occurred_at: time,
      utm: z.object({
        source: shortText(255),
        medium: shortText(255),
        campaign: shortText(255),
        content: shortText(255),
        term: shortText(255),
      }),
    })
    .transform((c, context) => {
      const kind = eventKind(c.event, c.source);
      if (!kind) {
        context.addIssue({ code: "custom", path: ["event"], message: "must be created, paid or status_changed", input: c.event });
        return z.NEVER;
      }
      return finish({ ...c, event: kind }, options.receivedAt);
    });
}

function finish(
  c: {
    source: OrderEventSource;
    event: OrderEventKind;
    deal_id: string;
    deal_number: string | null;
    user_id: string | null;
    email: string | null;
    status: string | null;
    is_paid: boolean | null;
    cost: { amount: string; currency: string | null } | null;
    paid: { amount: string; currency: string | null } | null;
    currency: string | null;
    offer: string | null;
    created_at: Date | null;
    occurred_at: Date | null;
    utm: NormalisedOrderEvent["utm"];
  },
  receivedAt: Date,
): Omit<NormalisedOrderEvent, "payload"> {
  // A status change into a paid status is the payment itself; GetCourse also sends it as dealPaid
  // with the same body, and both must become one event.
  const kind: OrderEventKind = c.event === "status_changed" && c.status !== null && PAID_STATUSES.has(c.status) ? "paid" : c.event;
  return {
    source: c.source,
    kind,
    dealId: c.deal_id,
    dealNumber: c.deal_number,
    gcUserId: c.user_id,
    email: c.email,
    status: c.status,
    paidFlag: c.is_paid,
    costAmount: c.cost?.amount ?? null,
    paidAmount: c.paid?.amount ?? null,
    currency: c.currency ?? c.paid?.currency ?? c.cost?.currency ?? null,
    offer: c.offer,
    utm: c.utm,
    dealCreatedAt: c.created_at,
    occurredAt: c.occurred_at ?? (kind === "created" ? c.created_at : null) ?? receivedAt,
  };
}

export type ParseOptions = { receivedAt: Date; timeZone: string };

/** Checks one canonical record; throws a ZodError naming the bad fields. */
export function normaliseCanonical(canonical: Canonical, payload: Raw, options: ParseOptions): NormalisedOrderEvent {
  const checked = canonicalSchema(options).parse(canonical);
  return { ...checked, payload };
}

/**
 * Query and body together: a process may put data in the URL, the body, or both (the body wins).
 * Throws a ZodError for malformed input; answers `ignored` for Tech API events that are not about deals.
 */
export function parseGetCourseCall(input: { query: Record<string, string>; body: unknown }, options: ParseOptions): ParsedGetCourseCall {
  const body = unwrapJsonEnvelope(bodySchema.parse(input.body) ?? {});
  const { token: _token, ...query } = input.query;
  if ("eventType" in body) {
    const tech = techSchema.parse(body);
    if (!techDealKind(tech.eventType)) return { kind: "ignored", reason: `not a deal event: ${tech.eventType}` };
    return { kind: "event", event: normaliseCanonical(fromTech(tech), tech, options) };
  }
  const { token: _bodyToken, ...fields } = body;
  const merged: Raw = { ...query, ...fields };
  return { kind: "event", event: normaliseCanonical(fromProcess(merged), merged, options) };
}

export type { Canonical };
