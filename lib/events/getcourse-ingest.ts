import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/observability/log";
import type { NormalisedOrderEvent, OrderEventForForwarding } from "./order-event";
import { dedupeKeyOf } from "./getcourse-order-state";
import { storeOrderEvent, type StoredOrderEvent } from "./getcourse-store";
import { parseStoredForwarding } from "./order-event";

export type Forwarder = (event: OrderEventForForwarding) => Promise<void>;

// Loaded on first use: forwarding pulls in the Salebot side, which exports and tests of the
// store do not need.
const defaultForwarder: Forwarder = async (event) => {
  const { forwardOrderEvent } = await import("@/lib/forwarding/forward-order");
  await forwardOrderEvent(event);
};

/**
 * Stores a webhook event, then hands a new one to Salebot forwarding. The event is committed
 * before forwarding starts, so a forwarding failure is logged and never fails the webhook:
 * answering GetCourse with an error would not make it redeliver (it does not retry).
 */
export async function ingestOrderEvent(
  event: NormalisedOrderEvent,
  options: { forward?: Forwarder; requestId?: string } = {},
): Promise<StoredOrderEvent> {
  // Found by the fault tests: 100 copies of one payment at once each held a pooled connection
  // while queueing on the order's row lock, so other webhooks could not start a transaction and
  // were answered 500, which GetCourse never redelivers. Copies that arrive while the first is
  // being stored now wait for it without a connection and are answered as the duplicates they are;
  // between instances the event key still decides.
  const key = dedupeKeyOf(event);
  const first = inFlight.get(key);
  if (first) {
    try {
      const result = await first;
      return { ...result, stored: false, forwarding: null };
    } catch {
      // The first copy was not stored: this one tries on its own.
    }
  }
  const work = storeAndForward(event, options);
  inFlight.set(key, work);
  try {
    return await work;
  } finally {
    if (inFlight.get(key) === work) inFlight.delete(key);
  }
}

const inFlight = new Map<string, Promise<StoredOrderEvent>>();

async function storeAndForward(
  event: NormalisedOrderEvent,
  options: { forward?: Forwarder; requestId?: string },
): Promise<StoredOrderEvent> {
  const stored = await storeOrderEvent(event, { forward: true });
  if (stored.stored) await queueStartLinkField(event, options.requestId);
  if (stored.forwarding) {
    try {
      await (options.forward ?? defaultForwarder)(stored.forwarding);
      await db.gcOrderEvent.update({ where: { dedupeKey: stored.dedupeKey }, data: { forwardedAt: new Date() } });
    } catch (error) {
      log.error("order event stored but not forwarded yet; the sweep will retry", {
        requestId: options.requestId,
        dealId: stored.dealId,
        dedupeKey: stored.dedupeKey,
        error,
      });
    }
  }
  return stored;
}

/** A not-yet-linked user's personal start link is queued for their GetCourse field (lib/linking/start-link). */
async function queueStartLinkField(event: NormalisedOrderEvent, requestId: string | undefined): Promise<void> {
  try {
    const { noteGetCourseUser } = await import("@/lib/linking/start-link/field-write");
    await noteGetCourseUser(event);
  } catch (error) {
    log.warn("start link field not queued", { requestId, dealId: event.dealId, error });
  }
}

const SWEEP_AFTER_MS = 60_000;

/**
 * Forwards events whose forwarding never completed (the process died between commit and
 * forwarding, or forwarding failed). Forwarding is idempotent per event and client, so an event
 * forwarded twice still makes one delivery.
 */
export async function forwardPendingOrderEvents(
  options: { forward?: Forwarder; now?: Date; limit?: number } = {},
): Promise<number> {
  const before = new Date((options.now ?? new Date()).getTime() - SWEEP_AFTER_MS);
  const pending = await db.gcOrderEvent.findMany({
    where: { forwardedAt: null, receivedAt: { lt: before }, NOT: { forwarding: { equals: Prisma.AnyNull } } },
    orderBy: { receivedAt: "asc" },
    take: options.limit ?? 100,
    select: { dedupeKey: true, forwarding: true },
  });
  let forwarded = 0;
  for (const row of pending) {
    const event = parseStoredForwarding(row.forwarding);
    if (!event) continue;
    try {
      await (options.forward ?? defaultForwarder)(event);
      await db.gcOrderEvent.update({ where: { dedupeKey: row.dedupeKey }, data: { forwardedAt: new Date() } });
      forwarded += 1;
    } catch (error) {
      log.warn("order event forwarding failed again", { dedupeKey: row.dedupeKey, error });
    }
  }
  return forwarded;
}
