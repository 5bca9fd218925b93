import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { log } from "@/lib/observability/log";
import { enqueueDeliveries } from "@/lib/deliveries/queue";
import { getForwardingSettings } from "./settings";
import type { OrderEventForForwarding } from "@/lib/events/order-event";
import { deliveryKey, type DeliveryTarget, notificationFor } from "./order-notification";

/**
 * The linked clients an order belongs to: by GetCourse user id when the event has one (the
 * stronger key), else by e-mail. One per Salebot project the customer is linked in.
 */
async function linkedTargets(event: OrderEventForForwarding): Promise<DeliveryTarget[]> {
  const select = { projectId: true, sbClientId: true, telegramId: true, proof: true } as const;
  if (event.gcUserId) {
    const byId = await db.link.findMany({ where: { gcUserId: event.gcUserId }, select, orderBy: { id: "asc" } });
    if (byId.length > 0) return byId;
  }
  const email = event.email?.trim().toLowerCase();
  if (!email) return [];
  return db.link.findMany({ where: { email }, select, orderBy: { id: "asc" } });
}

/**
 * Called once per newly stored order event. Queues a Salebot notification for each linked client,
 * as a `deliveries` row keyed by (event, client) so a second call for the same event adds nothing.
 * An event for a customer who is not linked is dropped: a later link does not replay old orders.
 * Throws only when the rows cannot be written; a queue hiccup is left to the sweep.
 */
export async function forwardOrderEvent(event: OrderEventForForwarding): Promise<void> {
  const settings = await getForwardingSettings();
  if (!settings.events[event.kind].enabled) return;
  const targets = await linkedTargets(event);
  if (targets.length === 0) {
    log.debug("order event not forwarded: customer not linked", { dealId: event.dealId, kind: event.kind });
    return;
  }

  const rows: Prisma.DeliveryCreateManyInput[] = [];
  for (const target of targets) {
    const payload = notificationFor(event, target, settings);
    if (!payload) continue;
    rows.push({
      idempotencyKey: deliveryKey(event, target),
      projectId: target.projectId,
      sbClientId: target.sbClientId,
      kind: `order_${event.kind}`,
      payload,
      maxAttempts: settings.maxAttempts,
    });
  }
  // ON CONFLICT DO NOTHING: only rows this call created come back, so only they are queued.
  const created = await db.delivery.createManyAndReturn({ data: rows, skipDuplicates: true, select: { id: true } });
  await enqueueDeliveries(created.map((row) => row.id));
}
