import { db } from "@/lib/db";
import type { GcOrder, Prisma } from "@/lib/generated/prisma/client";
import type { NormalisedOrderEvent, OrderEventForForwarding } from "./order-event";
import {
  applyEvent,
  dedupeKeyOf,
  forwardingEventOf,
  type OrderState,
  paidAfter,
  reportedPaidAmount,
} from "./getcourse-order-state";

export type StoredOrderEvent = {
  /** False for a redelivery: nothing changed. */
  stored: boolean;
  dedupeKey: string;
  dealId: string;
  /** For Salebot; null for duplicates and history. */
  forwarding: OrderEventForForwarding | null;
};

const amount = (value: Prisma.Decimal | null) => (value === null ? null : value.toFixed(2));

function stateOf(row: GcOrder): OrderState {
  return {
    dealNumber: row.dealNumber,
    gcUserId: row.gcUserId,
    email: row.email,
    status: row.status,
    paid: row.paid,
    costAmount: amount(row.costAmount),
    paidAmount: amount(row.paidAmount),
    currency: row.currency,
    offer: row.offer,
    utmSource: row.utmSource,
    utmMedium: row.utmMedium,
    utmCampaign: row.utmCampaign,
    utmContent: row.utmContent,
    utmTerm: row.utmTerm,
    orderedAt: row.orderedAt,
    paidAt: row.paidAt,
    statusAt: row.statusAt,
  };
}

/**
 * Stores one event and brings its order up to date, in one transaction. The order row is locked
 * first, so the events of one deal apply one after another, and the event insert is
 * ON CONFLICT DO NOTHING on its key: a concurrent or later redelivery finds the key taken and
 * changes nothing.
 */
export async function storeOrderEvent(
  event: NormalisedOrderEvent,
  options: { forward: boolean } = { forward: false },
): Promise<StoredOrderEvent> {
  const dedupeKey = dedupeKeyOf(event);
  const { dealId } = event;
  return db.$transaction(
    async (tx) => {
      const shell = await tx.gcOrder.createMany({
        data: [{ dealId, orderedAt: event.dealCreatedAt ?? event.occurredAt }],
        skipDuplicates: true,
      });
      await tx.$queryRaw`SELECT id FROM gc_orders WHERE deal_id = ${dealId} FOR UPDATE`;
      const inserted = await tx.gcOrderEvent.createMany({
        data: [
          {
            dedupeKey,
            dealId,
            kind: event.kind,
            status: event.status,
            paid: paidAfter(event) === true,
            paidAmount: reportedPaidAmount(event),
            occurredAt: event.occurredAt,
            payload: event.payload as Prisma.InputJsonObject,
            inferred: event.inferred ?? [],
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return { stored: false, dedupeKey, dealId, forwarding: null };

      const row = await tx.gcOrder.findUniqueOrThrow({ where: { dealId } });
      const current = shell.count === 1 ? null : stateOf(row);
      const laterEventSeen =
        event.kind === "created" &&
        (await tx.gcOrderEvent.count({ where: { dealId, kind: { not: "created" }, dedupeKey: { not: dedupeKey } } })) >
          0;
      const next = applyEvent(current, event, laterEventSeen);
      await tx.gcOrder.update({ where: { dealId }, data: next });
      const forwarding = options.forward ? forwardingEventOf(event, dedupeKey, next) : null;
      // Written with the event, so a crash before forwarding leaves it for the sweep, not lost.
      if (forwarding) {
        await tx.gcOrderEvent.update({
          where: { dedupeKey },
          data: { forwarding: forwarding as unknown as Prisma.InputJsonObject },
        });
      }
      return { stored: true, dedupeKey, dealId, forwarding };
      // Events of one deal queue on its row lock; under a burst that wait must not turn into a 500
      // (GetCourse does not redeliver), so waiting for a connection gets longer than Prisma's 2 s.
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
