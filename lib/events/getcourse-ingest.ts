import { log } from "@/lib/observability/log";
import type { NormalisedOrderEvent, OrderEventForForwarding } from "./order-event";
import { storeOrderEvent, type StoredOrderEvent } from "./getcourse-store";

export type Forwarder = (event: OrderEventForForwarding) => Promise<void>;

// Loaded on first use: forwarding pulls in the Salebot side, which exports and tests of the
// store do not need.
const defaultForwarder: Forwarder = async (event) => {
  const { forwardOrderEvent } = await import("./forwarding");
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
  const stored = await storeOrderEvent(event);
  if (stored.forwarding) {
    try {
      await (options.forward ?? defaultForwarder)(stored.forwarding);
    } catch (error) {
      log.error("order event stored but not forwarded", {
        requestId: options.requestId,
        dealId: stored.dealId,
        dedupeKey: stored.dedupeKey,
        error,
      });
    }
  }
  return stored;
}
