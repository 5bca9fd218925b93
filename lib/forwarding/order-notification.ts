import { z } from "zod";
import type { LinkProof } from "@/lib/generated/prisma/client";
import type { ForwardingSettings } from "./settings";
import type { OrderEventForForwarding } from "@/lib/events/order-event";

/**
 * What one delivery sends to Salebot, frozen when the order event arrives: a later settings change
 * does not rewrite notifications already queued. Stored as `deliveries.payload` and parsed back
 * with `deliveryPayloadSchema`, since a JSON column is outside input like any other.
 */
export const deliveryPayloadSchema = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("callback"),
    message: z.string().min(1),
    variables: z.record(z.string(), z.string()),
  }),
  z.object({
    method: z.literal("tg_callback"),
    message: z.string().min(1),
    variables: z.record(z.string(), z.string()),
    telegramId: z.string().min(1),
    /** null → the project's configured bot. */
    botUsername: z.string().nullable(),
  }),
]);
export type DeliveryPayload = z.infer<typeof deliveryPayloadSchema>;

/** The linked client an order event is delivered to; `proof` null while nobody proved the e-mail. */
export type DeliveryTarget = {
  projectId: string;
  sbClientId: string;
  telegramId: string | null;
  proof?: LinkProof | null;
};

/**
 * Variables the bot can use (DESIGN.md: number, amount, offer). Empty strings rather than absent
 * keys, so a bot never shows the previous order's offer. Currency travels with the amount.
 */
export function orderVariables(event: OrderEventForForwarding): Record<string, string> {
  return {
    gc_order_number: event.dealNumber ?? event.dealId,
    gc_order_amount: event.amount ?? "",
    gc_order_currency: event.currency,
    gc_order_offer: event.offer ?? "",
    gc_order_status: event.status ?? "",
  };
}

/**
 * What an unproven chat may see when order details go only to proven links: the notice, the
 * number and the status, with amount, currency and offer blanked (kept as empty strings).
 */
export function withoutOrderDetails(variables: Record<string, string>): Record<string, string> {
  return { ...variables, gc_order_amount: "", gc_order_currency: "", gc_order_offer: "" };
}

/** null when this kind of event is switched off. */
export function notificationFor(
  event: OrderEventForForwarding,
  target: DeliveryTarget,
  settings: ForwardingSettings,
): DeliveryPayload | null {
  const eventSettings = settings.events[event.kind];
  if (!eventSettings.enabled) return null;
  const hideDetails = settings.orderDetailsOnlyToProvenLinks && !target.proof;
  const variables = hideDetails ? withoutOrderDetails(orderVariables(event)) : orderVariables(event);
  const base = { message: eventSettings.message, variables };
  // A client linked without a Telegram id (VK, WhatsApp) can still be reached by its client id.
  if (settings.method === "tg_callback" && target.telegramId) {
    return { method: "tg_callback", ...base, telegramId: target.telegramId, botUsername: settings.botUsername };
  }
  return { method: "callback", ...base };
}

/** One delivery per (event, linked client): the second insert of the same pair is a no-op. */
export function deliveryKey(event: OrderEventForForwarding, target: DeliveryTarget): string {
  return `order:${event.dedupeKey}:${target.projectId}:${target.sbClientId}`;
}
