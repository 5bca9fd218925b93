import { z } from "zod";
import { GC_CALL_DETAILS } from "./getcourse-call-details";
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
 * JSON), and Tech API deal webhooks (JSON, on live accounts wrapped as `{"json": {...}}`).
 * Both are first mapped onto one flat "canonical" record, which one zod schema checks, so errors
 * name the same fields whichever door the data came through.
 *
 * Nothing an authenticated caller sends is refused (GetCourse never redelivers, so a refusal
 * loses the call): a value that cannot be read is left out, an event that does not say what it
 * is gets its meaning from what it carries, and both are noted in `inferred`. Only a call without
 * a readable deal id is `unreadable`; the caller keeps it raw for an admin.
 * The shapes accepted, with their sources: lib/compat/fixtures/getcourse/webhooks/.
 */

export type UnreadableReason = "no_deal_id" | "unreadable_body" | "not_an_object";

export type ParsedGetCourseCall =
  | { kind: "event"; event: NormalisedOrderEvent }
  | { kind: "ignored"; reason: string }
  | { kind: "unreadable"; reason: UnreadableReason; detail: string };

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === "object" && value !== null && !Array.isArray(value);

function parseJsonRecord(text: string): Raw | null {
  if (!text.trim().startsWith("{")) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    // Same depth limit as a JSON body (lib/http.ts): deeper would overflow the stack later.
    // Cleaned like the outer body (lib/events/getcourse-webhook.ts): this text was not JSON yet then.
    return isRecord(parsed) && !jsonDepthExceeds(parsed) ? postgresSafeJson(parsed) : null;
  } catch {
    return null;
  }
}

/**
 * Live Tech API deliveries arrive as `{"json": {...}}` (N8N `payload.ts`, seen on the wire), some
 * as a JSON string inside. Opened when `json` is the only field, or when what it holds is a Tech
 * API event; a process body that merely has a field called `json` is left alone.
 */
export function unwrapJsonEnvelope(body: Raw): Raw {
  const inner = isRecord(body.json) ? body.json : typeof body.json === "string" ? parseJsonRecord(body.json) : null;
  if (!inner) return body;
  const onlyField = Object.keys(body).every((key) => key === "json" || key === "token");
  return onlyField || "eventType" in inner || isRecord(inner.deal) ? inner : body;
}

/** The first of `names` with a value; names match whatever their case, as admins type them. */
function first(record: Raw, names: readonly string[]): unknown {
  const byLowerName = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  for (const name of names) {
    const key = byLowerName.get(name.toLowerCase());
    const value = key === undefined ? undefined : record[key];
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

/** Tech API event names with a meaning here: the three deal events, with or without the prefix. */
function techDealKind(eventType: string): OrderEventKind | undefined {
  const word = eventType
    .trim()
    .toLowerCase()
    .replace(/^getcourse\//, "");
  if (word === "dealcreated") return "created";
  if (word === "dealpaid") return "paid";
  if (word === "dealstatuschanged") return "status_changed";
  return undefined;
}

/** A Tech API delivery: it names a GetCourse event type, or carries a `deal` object. */
function isTechEvent(body: Raw): boolean {
  return isRecord(body.deal) || (typeof body.eventType === "string" && /^getcourse\//i.test(body.eventType.trim()));
}

function fromTech(inner: Raw): Canonical {
  const deal: Raw = isRecord(inner.deal) ? inner.deal : {};
  const user: Raw = isRecord(inner.user) ? inner.user : {};
  // `user.id` is "accountId:userId"; `gcId` is the plain user id.
  const userId = user.gcId ?? (typeof user.id === "string" ? user.id.split(":").pop() : user.id);
  // Only ids that read as text: an object in the list (String() of it can throw) is not an offer id.
  const offers = Array.isArray(deal.offerIds)
    ? deal.offerIds
        .map(cleanValue)
        .filter((id) => id !== null)
        .join(",")
    : undefined;
  const eventType = inner.eventType;
  const kind = typeof eventType === "string" ? techDealKind(eventType) : undefined;
  // The order's own creation time. `ts`/`ts64` are not it reliably: N8N saw `ts` repeat the
  // creation time in account-local time with a Z, NIK's samples show the delivery time.
  const createdAt = deal.createdAt ?? (kind === "created" ? inner.ts64 : undefined);
  return {
    source: "tech",
    event: eventType,
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

/**
 * Names a «Вызвать URL» template gives each value, from the Settings page's URL and public
 * templates (lib/compat/fixtures/getcourse/webhooks/ names each source).
 */
const PROCESS_NAMES = {
  event: ["event", "kind", "type", "eventType", "event_type", "action"],
  deal_id: ["deal_id", "dealId", "order_id", "orderId", "id_deal", "deal", "id"],
  deal_number: ["deal_number", "dealNumber", "number", "order_number", "gc_number", "orderNumber"],
  user_id: ["user_id", "gc_user_id", "userId", "getcourse_id", "gcUserId"],
  email: ["email", "user_email", "userEmail", "e-mail", "mail"],
  status: ["status", "deal_status", "dealStatus", "order_status"],
  is_paid: ["is_paid", "is_payed", "isPayed", "isPaid", "deal_is_paid"],
  cost: ["cost", "cost_money_value", "cost_money", "costMoney", "deal_cost", "amount", "opportunity", "price", "sum"],
  paid: ["paid", "payed", "payed_money", "payedMoney", "paid_money", "paid_amount", "payed_value", "payedValue"],
  currency: ["currency", "deal_currency"],
  offer: ["offer", "positions", "offers", "product_title", "product", "title"],
  created_at: ["created_at", "deal_created_at", "createdAt"],
  occurred_at: ["occurred_at", "payed_at", "status_changed_at", "ts"],
} as const;

function fromProcess(record: Raw): Canonical {
  const pick = (field: keyof typeof PROCESS_NAMES) => first(record, PROCESS_NAMES[field]);
  const paidValue = pick("paid");
  // `paid` carries the amount in the URL the Settings page offers; a few admins send a yes/no flag there.
  const paidIsFlag =
    typeof paidValue === "boolean" || (typeof paidValue === "string" && FLAG_WORDS.test(paidValue.trim()));
  return {
    source: "process",
    event: pick("event"),
    deal_id: pick("deal_id"),
    deal_number: pick("deal_number"),
    user_id: pick("user_id"),
    email: pick("email"),
    status: pick("status"),
    is_paid: pick("is_paid") ?? (paidIsFlag ? paidValue : undefined),
    cost: pick("cost"),
    paid: paidIsFlag ? undefined : paidValue,
    currency: pick("currency"),
    offer: pick("offer"),
    created_at: pick("created_at"),
    occurred_at: pick("occurred_at"),
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
  text.refine((value) => value === null || /^\d{1,20}$/.test(value), {
    message: `must be a numeric GetCourse ${what} id`,
  });

/** The kind an event names, in any of the ways templates write it; undefined when it names none. */
function namedKind(raw: string): OrderEventKind | undefined {
  const tech = techDealKind(raw);
  if (tech) return tech;
  const folded = raw.trim().toLowerCase();
  if (/^(оплат|оплачен)/.test(folded)) return "paid";
  if (/^(создан|нов)/.test(folded)) return "created";
  if (/статус|изменен/.test(folded)) return "status_changed";
  const word = folded.replace(/[^a-z]/g, "");
  if (/^(created?|new|(deal|order)created|new(deal|order))$/.test(word)) return "created";
  if (/^(paid|payed|payment|(deal|order)pa(id|yed))$/.test(word)) return "paid";
  if (/^(status|statuschanged|changed|updated?|(deal|order)(status)?(changed|updated?))$/.test(word))
    return "status_changed";
  return undefined;
}

function canonicalFieldsSchema(options: { timeZone: string }) {
  const time = z.unknown().transform((value) => parseGcTime(cleanValue(value), options.timeZone));
  return z.object({
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
  });
}

type CheckedFields = z.output<ReturnType<typeof canonicalFieldsSchema>>;

/**
 * The event's kind: named by the caller, or read from what it carries (a paid status, flag or
 * amount is a payment), with a note saying so. Exports are history: stored, never forwarded.
 */
function decideKind(c: CheckedFields): { kind: OrderEventKind; inferred: string | null } | undefined {
  if (c.source === "export") return c.event === "imported" ? { kind: "imported", inferred: null } : undefined;
  const named = c.event === null ? undefined : namedKind(c.event);
  if (named) return { kind: named, inferred: null };
  const said = c.event === null ? "no event named" : `event «${c.event.slice(0, 40)}» not recognised`;
  if (c.status !== null && PAID_STATUSES.has(c.status))
    return { kind: "paid", inferred: `${said}; read as paid from status ${c.status}` };
  if (c.is_paid === true) return { kind: "paid", inferred: `${said}; read as paid from the paid flag` };
  if (c.paid !== null && Number(c.paid.amount) > 0)
    return { kind: "paid", inferred: `${said}; read as paid from the amount paid` };
  return { kind: "status_changed", inferred: `${said}; read as a status change` };
}

function finish(
  c: CheckedFields,
  kindNamed: OrderEventKind,
  receivedAt: Date,
): Omit<NormalisedOrderEvent, "payload" | "inferred"> {
  // A status change into a paid status is the payment itself; GetCourse also sends it as dealPaid
  // with the same body, and both must become one event.
  const kind: OrderEventKind =
    kindNamed === "status_changed" && c.status !== null && PAID_STATUSES.has(c.status) ? "paid" : kindNamed;
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

/** Checks one canonical record strictly (exports); throws a ZodError naming the bad fields. */
export function normaliseCanonical(canonical: Canonical, payload: Raw, options: ParseOptions): NormalisedOrderEvent {
  const checked = canonicalFieldsSchema(options).parse(canonical);
  const decided = decideKind(checked);
  if (!decided || decided.inferred) {
    throw new z.ZodError([
      { code: "custom", path: ["event"], message: "must be created, paid or status_changed", input: canonical.event },
    ]);
  }
  return { ...finish(checked, decided.kind, options.receivedAt), inferred: [], payload };
}

const MAX_LEFT_OUT = 16;

/**
 * Reads one canonical record leniently (webhooks): a value that cannot be read is left out and
 * noted; only an unreadable deal id makes the whole call unreadable.
 */
export function readCanonical(canonical: Canonical, payload: Raw, options: ParseOptions): ParsedGetCourseCall {
  const schema = canonicalFieldsSchema(options);
  const notes: string[] = [];
  let current: Canonical = canonical;
  for (let attempt = 0; attempt < MAX_LEFT_OUT; attempt += 1) {
    const result = schema.safeParse(current);
    if (result.success) {
      const decided = decideKind(result.data) ?? {
        kind: "status_changed" as const,
        inferred: "read as a status change",
      };
      const inferred = decided.inferred ? [decided.inferred, ...notes] : notes;
      return { kind: "event", event: { ...finish(result.data, decided.kind, options.receivedAt), inferred, payload } };
    }
    const dealIdIssue = result.error.issues.find((issue) => issue.path[0] === "deal_id");
    if (dealIdIssue) {
      const given = cleanValue(current.deal_id);
      const detail =
        given === null
          ? GC_CALL_DETAILS.text("noDealId")
          : GC_CALL_DETAILS.text("dealIdNotNumeric", { given: given.slice(0, 40) });
      return { kind: "unreadable", reason: "no_deal_id", detail };
    }
    for (const issue of result.error.issues) {
      const [field, inner] = issue.path;
      notes.push(`${issue.path.join(".")} left out: ${issue.message}`);
      if (field === "utm" && typeof inner === "string")
        current = { ...current, utm: { ...current.utm, [inner]: undefined } };
      else if (typeof field === "string") current = { ...current, [field]: undefined };
    }
  }
  return {
    kind: "unreadable",
    reason: "no_deal_id",
    detail: GC_CALL_DETAILS.text("fieldsUnreadable", { cause: notes.join("; ").slice(0, 500) }),
  };
}

/**
 * Query and body together: a process may put data in the URL, the body, or both (the body wins).
 * `body` is whatever the request carried, already decoded (an object for JSON and forms).
 */
export function parseGetCourseCall(
  input: { query: Record<string, string>; body: unknown },
  options: ParseOptions,
): ParsedGetCourseCall {
  const bodyIsObject = isRecord(input.body) || input.body === undefined || input.body === null;
  const body = isRecord(input.body) ? unwrapJsonEnvelope(input.body) : {};
  const { token: _token, ...query } = input.query;
  if (isTechEvent(body)) {
    if (!isRecord(body.deal) && typeof body.eventType === "string" && !techDealKind(body.eventType)) {
      return { kind: "ignored", reason: `not a deal event: ${body.eventType.slice(0, 80)}` };
    }
    return readCanonical(fromTech(body), body, options);
  }
  const { token: _bodyToken, ...fields } = body;
  const merged: Raw = { ...query, ...fields };
  const parsed = readCanonical(fromProcess(merged), merged, options);
  if (bodyIsObject) return parsed;
  // A body that is no object (an array, a bare value): the URL may still say everything.
  if (parsed.kind === "event")
    return {
      kind: "event",
      event: {
        ...parsed.event,
        inferred: [...(parsed.event.inferred ?? []), "the body was not an object; read from the URL only"],
      },
    };
  return {
    kind: "unreadable",
    reason: "not_an_object",
    detail: GC_CALL_DETAILS.text("notAnObject"),
  };
}

export type { Canonical };
