import type { NormalisedOrderEvent, OrderEventForForwarding } from "./order-event";
import { DEFAULT_CURRENCY, NOT_PAID_STATUSES, PAID_STATUSES } from "./getcourse-values";

/**
 * The rules that turn a stream of events (redelivered, paired, out of order) into one correct
 * order. Pure, so every rule has a unit test; lib/events/getcourse-store.ts applies them in a
 * transaction.
 */

/** The columns of `gc_orders` the events decide. Amounts are decimal strings ("1500.00"). */
export type OrderState = {
  dealNumber: string | null;
  gcUserId: string | null;
  email: string | null;
  status: string | null;
  paid: boolean;
  costAmount: string | null;
  paidAmount: string | null;
  currency: string;
  offer: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  orderedAt: Date;
  paidAt: Date | null;
  statusAt: Date | null;
};

/**
 * Whether the order is paid after this event: GetCourse marks it paid by status (`payed`,
 * `part_payed`), a `dealPaid` event or its flag; cancelled, false and refund-pending orders are
 * not paid whatever else is said. Null when the event says nothing either way.
 */
export function paidAfter(event: Pick<NormalisedOrderEvent, "kind" | "status" | "paidFlag">): boolean | null {
  if (event.status !== null && NOT_PAID_STATUSES.has(event.status)) return false;
  if (event.status !== null && PAID_STATUSES.has(event.status)) return true;
  // dealPaid counts even with `isPayed: 0`, which GetCourse sometimes sends in it.
  if (event.kind === "paid") return true;
  return event.paidFlag;
}

/**
 * The amount paid this event reports. A paid event without an amount means the full cost for a
 * finished order (`payed`); for a part payment the amount is unknown.
 */
export function reportedPaidAmount(event: NormalisedOrderEvent): string | null {
  if (event.paidAmount !== null) return event.paidAmount;
  if (paidAfter(event) === true && event.status !== "part_payed") return event.costAmount;
  return null;
}

/**
 * The key that makes an event idempotent. A deal is created once; a payment or status change is
 * known by the status and the amount paid so far. The source is left out on purpose: the same
 * payment seen by a process callback and by a Tech API webhook is one payment. `ts64` is left out
 * too: it is the deal's creation time, the same for every event of the deal.
 */
export function dedupeKeyOf(event: NormalisedOrderEvent): string {
  const part = (value: string | null) => (value === null ? "-" : encodeURIComponent(value));
  if (event.kind === "created") return `gc:${event.dealId}:created`;
  const base = `gc:${event.dealId}:${event.kind}:${part(event.status)}:${part(reportedPaidAmount(event))}`;
  return event.kind === "imported" ? `${base}:${part(event.costAmount)}` : base;
}

function newerOrSame(a: Date, b: Date | null): boolean {
  return b === null || a.getTime() >= b.getTime();
}

/**
 * The order after one new event. `laterEventSeen` says the deal already has an event other than
 * its creation: a `created` event arriving after it (out of order) describes an older state and
 * must not set the status back.
 */
export function applyEvent(
  current: OrderState | null,
  event: NormalisedOrderEvent,
  laterEventSeen: boolean,
): OrderState {
  const wins =
    current === null ||
    (newerOrSame(event.occurredAt, current.statusAt) && !(event.kind === "created" && laterEventSeen));
  // The winner's values replace; an older event only fills what is still unknown.
  const pick = <T>(fromEvent: T | null, held: T | null | undefined): T | null =>
    wins ? (fromEvent ?? held ?? null) : (held ?? fromEvent ?? null);

  const decided = paidAfter(event);
  const paid = wins ? (decided ?? current?.paid ?? false) : (current?.paid ?? false);
  const occurredOrHeld = wins ? event.occurredAt : (current?.statusAt ?? event.occurredAt);
  const statusAt =
    current?.statusAt && current.statusAt.getTime() > occurredOrHeld.getTime() ? current.statusAt : occurredOrHeld;
  const paidAt = paid
    ? (current?.paidAt ?? (decided === true ? event.occurredAt : null) ?? statusAt)
    : (current?.paidAt ?? null);

  return {
    dealNumber: pick(event.dealNumber, current?.dealNumber),
    gcUserId: pick(event.gcUserId, current?.gcUserId),
    email: pick(event.email, current?.email),
    status: pick(event.status, current?.status),
    paid,
    costAmount: pick(event.costAmount, current?.costAmount),
    paidAmount: pick(reportedPaidAmount(event), current?.paidAmount),
    currency: pick(event.currency, current?.currency) ?? DEFAULT_CURRENCY,
    offer: pick(event.offer, current?.offer),
    utmSource: pick(event.utm.source, current?.utmSource),
    utmMedium: pick(event.utm.medium, current?.utmMedium),
    utmCampaign: pick(event.utm.campaign, current?.utmCampaign),
    utmContent: pick(event.utm.content, current?.utmContent),
    utmTerm: pick(event.utm.term, current?.utmTerm),
    // The creation time, whenever a caller tells it, is the truth; otherwise the first event's time.
    orderedAt: event.dealCreatedAt ?? current?.orderedAt ?? event.occurredAt,
    paidAt,
    statusAt,
  };
}

/** What Salebot forwarding gets for a newly stored event; null for history (exports). */
export function forwardingEventOf(
  event: NormalisedOrderEvent,
  dedupeKey: string,
  order: OrderState,
): OrderEventForForwarding | null {
  if (event.kind === "imported") return null;
  const amount =
    event.kind === "paid" ? (reportedPaidAmount(event) ?? order.paidAmount) : (event.costAmount ?? order.costAmount);
  return {
    dedupeKey,
    dealId: event.dealId,
    dealNumber: event.dealNumber ?? order.dealNumber,
    kind: event.kind,
    status: event.status ?? order.status,
    email: event.email ?? order.email,
    gcUserId: event.gcUserId ?? order.gcUserId,
    amount,
    currency: event.currency ?? order.currency,
    offer: event.offer ?? order.offer,
    occurredAt: event.occurredAt,
  };
}
