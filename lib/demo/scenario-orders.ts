import { deliveryKey, notificationFor } from "@/lib/forwarding/order-notification";
import { OUTBOUND_DETAILS } from "@/lib/outbound/details";
import { DEFAULT_FORWARDING_SETTINGS } from "@/lib/forwarding/settings";
import type { DealStatus } from "@/lib/getcourse/statuses";
import { HOUR_MS, MINUTE_MS } from "./constants";
import type { Random } from "@/lib/simulators/shared/seeded-random";
import type { ClientPlan, DemoDelivery, DemoOrder, DemoOrderEvent } from "./scenario-types";

/**
 * Orders and payments of the demo account, and the Salebot notifications they caused. Keys are
 * built the way lib/events builds them, so a real event for one of these deals later is
 * recognised as the same event, not a second one.
 */

export const DEMO_OFFERS = [
  { title: "Курс «Основы маркетинга»", cost: 14_900, currency: "RUB" },
  { title: "Интенсив по таргету", cost: 4_990, currency: "RUB" },
  { title: "Менторство, 3 месяца", cost: 59_000, currency: "RUB" },
  { title: "Вебинар-практикум", cost: 990, currency: "RUB" },
  { title: "Marketing Basics (English)", cost: 190, currency: "USD" },
  { title: "Курс «Основы маркетинга» (KZ)", cost: 45_000, currency: "KZT" },
  { title: "Workshop in Berlin", cost: 120, currency: "EUR" },
] as const;

const STATUS_WEIGHTS: readonly [DealStatus, number][] = [
  ["payed", 55],
  ["part_payed", 7],
  ["new", 13],
  ["payment_waiting", 5],
  ["cancelled", 12],
  ["false", 3],
  ["waiting_for_return", 5],
];

function pickStatus(random: Random): DealStatus {
  let roll = random.next() * STATUS_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [status, weight] of STATUS_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return status;
  }
  return "payed";
}

const money = (value: number | null) => (value === null ? "-" : value.toFixed(2));

/** The event stream GetCourse would have sent for a deal that ended in `status`. */
function eventsOf(
  dealId: number,
  status: DealStatus,
  cost: number,
  paidAmount: number | null,
  at: { ordered: Date; changed: Date },
): DemoOrderEvent[] {
  const created: DemoOrderEvent = {
    dedupeKey: `gc:${dealId}:created`,
    kind: "created",
    status: "new",
    paid: false,
    paidAmount: null,
    occurredAt: at.ordered,
  };
  const paid = (amount: number, paidStatus: DealStatus): DemoOrderEvent => ({
    dedupeKey: `gc:${dealId}:paid:${paidStatus}:${money(amount)}`,
    kind: "paid",
    status: paidStatus,
    paid: true,
    paidAmount: amount,
    occurredAt: at.changed,
  });
  const changed = (to: DealStatus, when: Date): DemoOrderEvent => ({
    dedupeKey: `gc:${dealId}:status_changed:${to}:-`,
    kind: "status_changed",
    status: to,
    paid: false,
    paidAmount: null,
    occurredAt: when,
  });
  switch (status) {
    case "payed":
      return [created, paid(cost, "payed")];
    case "part_payed":
      return [created, paid(paidAmount ?? 0, "part_payed")];
    case "waiting_for_return":
      return [created, paid(cost, "payed"), changed("waiting_for_return", new Date(at.changed.getTime() + HOUR_MS))];
    case "new":
      return [created];
    default:
      return [created, changed(status, at.changed)];
  }
}

export function buildOrders(
  plans: readonly ClientPlan[],
  random: Random,
  options: { anchor: Date; firstDealId: number; firstDealNumber: number },
): DemoOrder[] {
  const latest = options.anchor.getTime() - 3 * HOUR_MS;
  const orders: DemoOrder[] = [];
  for (const { conversation, user, link } of plans) {
    if (!user) continue;
    const count = link ? (random.chance(0.55) ? (random.chance(0.2) ? 2 : 1) : 0) : random.chance(0.2) ? 1 : 0;
    let after = Math.max(conversation.firstMessageAt.getTime(), link?.linkedAt.getTime() ?? 0);
    for (let n = 0; n < count; n++) {
      const orderedAt = Math.min(after + random.int(30, 5 * 24 * 60) * MINUTE_MS, latest);
      after = orderedAt + HOUR_MS;
      const offer = random.chance(0.8) ? random.pick(DEMO_OFFERS.slice(0, 4)) : random.pick(DEMO_OFFERS.slice(4));
      const status = pickStatus(random);
      const changedAt = new Date(
        Math.min(orderedAt + random.int(5, 2 * 24 * 60) * MINUTE_MS, options.anchor.getTime() - 2 * HOUR_MS),
      );
      const partial = Math.round(offer.cost * random.int(3, 6)) / 10;
      const paidAmount =
        status === "payed" || status === "waiting_for_return" ? offer.cost : status === "part_payed" ? partial : null;
      const dealId = options.firstDealId + orders.length;
      const events = eventsOf(dealId, status, offer.cost, paidAmount, {
        ordered: new Date(orderedAt),
        changed: changedAt,
      });
      orders.push({
        dealId,
        dealNumber: String(options.firstDealNumber + orders.length),
        user,
        status,
        cost: offer.cost,
        paidAmount,
        paid: status === "payed" || status === "part_payed",
        currency: offer.currency,
        offer: offer.title,
        utm: conversation.utmSource ? { utm_source: conversation.utmSource, utm_medium: "bot" } : {},
        orderedAt: new Date(orderedAt),
        paidAt: paidAmount === null ? null : changedAt,
        events,
      });
    }
  }
  return orders;
}

/**
 * The notifications forwarding queued for orders of linked clients, with the default settings:
 * most sent, every 15th dead (Salebot kept refusing), every 25th still waiting for its next try.
 */
export function buildDeliveries(
  orders: readonly DemoOrder[],
  plans: readonly ClientPlan[],
  options: { anchor: Date; projectId: string },
): DemoDelivery[] {
  const settings = DEFAULT_FORWARDING_SETTINGS;
  const linkByEmail = new Map(plans.flatMap((plan) => (plan.link ? [[plan.link.email, plan.link] as const] : [])));
  const deliveries: DemoDelivery[] = [];
  for (const order of orders) {
    const link = linkByEmail.get(order.user.email);
    if (!link || link.linkedAt > order.orderedAt) continue;
    const target = { projectId: options.projectId, sbClientId: link.sbClientId, telegramId: link.telegramId };
    for (const event of order.events) {
      const forwarded = {
        dedupeKey: event.dedupeKey,
        dealId: String(order.dealId),
        dealNumber: order.dealNumber,
        kind: event.kind,
        status: event.status,
        email: order.user.email,
        gcUserId: String(order.user.id),
        amount: (event.kind === "paid" ? event.paidAmount : order.cost)?.toFixed(2) ?? null,
        currency: order.currency,
        offer: order.offer,
        occurredAt: event.occurredAt,
      };
      const payload = notificationFor(forwarded, target, settings);
      if (!payload) continue;
      const n = deliveries.length + 1;
      const createdAt = event.occurredAt;
      const sentAt = new Date(createdAt.getTime() + 1_500);
      const base = {
        idempotencyKey: deliveryKey(forwarded, target),
        sbClientId: link.sbClientId,
        kind: `order_${event.kind}`,
        payload,
        createdAt,
      };
      if (n % 15 === 0) {
        deliveries.push({
          ...base,
          status: "dead",
          attempts: settings.maxAttempts,
          lastError: OUTBOUND_DETAILS.text("answeredHttp", { service: "Salebot", status: "503" }),
          nextAttemptAt: createdAt,
          sentAt: null,
        });
      } else if (n % 25 === 0) {
        const next = new Date(options.anchor.getTime() + 10 * MINUTE_MS);
        deliveries.push({
          ...base,
          status: "pending",
          attempts: 2,
          lastError: OUTBOUND_DETAILS.text("noAnswerWithin", { service: "Salebot", seconds: "10" }),
          nextAttemptAt: next,
          sentAt: null,
        });
      } else {
        deliveries.push({ ...base, status: "sent", attempts: 1, lastError: null, nextAttemptAt: createdAt, sentAt });
      }
    }
  }
  return deliveries;
}
