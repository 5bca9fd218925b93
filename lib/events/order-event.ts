/**
 * The shapes an order event takes inside the hub. GetCourse sends the same facts through three
 * doors (process «Вызвать URL», Tech API webhooks, exports); they all become a `NormalisedOrderEvent`
 * before anything is stored, so the storing rules exist once.
 */

/** What forwarding to Salebot receives (`forwardOrderEvent` in lib/forwarding/forward-order.ts). */
export type OrderEventForForwarding = {
  dedupeKey: string;
  dealId: string;
  dealNumber: string | null;
  kind: "created" | "paid" | "status_changed";
  status: string | null;
  email: string | null;
  gcUserId: string | null;
  /** Paid amount for `paid`, the cost otherwise; major units, e.g. "1500.00". */
  amount: string | null;
  currency: string;
  offer: string | null;
  occurredAt: Date;
};

export type OrderEventSource = "process" | "tech" | "export";

/** `imported` marks a row of a backfill export: history, never forwarded. */
export type OrderEventKind = OrderEventForForwarding["kind"] | "imported";

export type OrderUtm = {
  source: string | null;
  medium: string | null;
  campaign: string | null;
  content: string | null;
  term: string | null;
};

export type NormalisedOrderEvent = {
  source: OrderEventSource;
  kind: OrderEventKind;
  dealId: string;
  dealNumber: string | null;
  gcUserId: string | null;
  email: string | null;
  /** A deal status code (`payed`, `part_payed`, ...); Russian titles are mapped to codes. */
  status: string | null;
  /** GetCourse's own paid flag, when the caller sent one. */
  paidFlag: boolean | null;
  /** Decimal strings in major units with two places, e.g. "1500.00". */
  costAmount: string | null;
  paidAmount: string | null;
  /** Null when the caller named no currency (the order keeps its own, RUB by default). */
  currency: string | null;
  offer: string | null;
  utm: OrderUtm;
  /** When GetCourse created the deal, when the caller said so. */
  dealCreatedAt: Date | null;
  /** When the event happened in GetCourse, or when the hub received it if the caller did not say. */
  occurredAt: Date;
  /** What the hub guessed because the caller did not say it (stored with the event); absent: nothing. */
  inferred?: string[];
  /** What arrived, for the events table. */
  payload: Record<string, unknown>;
};

const FORWARDING_KINDS = new Set(["created", "paid", "status_changed"]);
const textOrNull = (value: unknown) => (typeof value === "string" ? value : null);

/** Reads back a forwarding record stored with its event (JSON: the date is a string there). */
export function parseStoredForwarding(value: unknown): OrderEventForForwarding | null {
  if (!value || typeof value !== "object") return null;
  const record = value as Record<string, unknown>;
  const occurredAt = new Date(String(record.occurredAt));
  if (
    typeof record.dedupeKey !== "string" ||
    typeof record.dealId !== "string" ||
    !FORWARDING_KINDS.has(String(record.kind))
  )
    return null;
  if (Number.isNaN(occurredAt.getTime())) return null;
  return {
    dedupeKey: record.dedupeKey,
    dealId: record.dealId,
    dealNumber: textOrNull(record.dealNumber),
    kind: record.kind as OrderEventForForwarding["kind"],
    status: textOrNull(record.status),
    email: textOrNull(record.email),
    gcUserId: textOrNull(record.gcUserId),
    amount: textOrNull(record.amount),
    currency: typeof record.currency === "string" ? record.currency : "RUB",
    offer: textOrNull(record.offer),
    occurredAt,
  };
}
