import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { retryAllDead, retryDeliveryNow } from "./queue";
import { forbidden, notFound } from "@/lib/http";

/** The Deliveries page's buttons: the queue's own retry (lib/deliveries/queue.ts), checked and audited. */

export async function retryDeliveryAsUser(actor: SessionUser, deliveryId: string): Promise<{ queued: boolean }> {
  if (!can(actor, "deliveries.retry")) throw forbidden();
  if (!/^\d{1,19}$/.test(deliveryId)) throw notFound("Delivery");
  const before = await db.delivery.findUnique({
    where: { id: BigInt(deliveryId) },
    select: { status: true, attempts: true, lastError: true },
  });
  if (!before) throw notFound("Delivery");
  const queued = await retryDeliveryNow(deliveryId);
  await recordAudit({ actor, action: "delivery.retry", target: `delivery:${deliveryId}`, before, after: { queued } });
  return { queued };
}

export async function retryAllDeadAsUser(actor: SessionUser): Promise<{ queued: number }> {
  if (!can(actor, "deliveries.retry")) throw forbidden();
  const queued = await retryAllDead();
  await recordAudit({ actor, action: "delivery.retry_all_dead", target: "deliveries:dead", after: { queued } });
  return { queued };
}
