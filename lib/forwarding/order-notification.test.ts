import { expect, test } from "vitest";
import { DEFAULT_FORWARDING_SETTINGS, forwardingSettingsSchema } from "./settings";
import type { OrderEventForForwarding } from "@/lib/events/order-event";
import { deliveryKey, deliveryPayloadSchema, notificationFor } from "./order-notification";

const event: OrderEventForForwarding = {
  dedupeKey: "process:paid:42",
  dealId: "42",
  dealNumber: "1001",
  kind: "paid",
  status: "payed",
  email: "a@school.test",
  gcUserId: "7",
  amount: "1500.00",
  currency: "RUB",
  offer: "Course",
  occurredAt: new Date("2026-01-01T00:00:00Z"),
};
const target = { projectId: "777", sbClientId: "1001", telegramId: "5001001" };

test("the default is a callback gc_order_<kind> with the order's variables", () => {
  expect(notificationFor(event, target, DEFAULT_FORWARDING_SETTINGS)).toEqual({
    method: "callback",
    message: "gc_order_paid",
    variables: {
      gc_order_number: "1001",
      gc_order_amount: "1500.00",
      gc_order_currency: "RUB",
      gc_order_offer: "Course",
      gc_order_status: "payed",
    },
  });
});

test("missing facts become empty strings and the deal id stands in for a missing number", () => {
  const payload = notificationFor(
    { ...event, dealNumber: null, amount: null, offer: null, status: null },
    target,
    DEFAULT_FORWARDING_SETTINGS,
  );
  expect(payload?.variables).toMatchObject({ gc_order_number: "42", gc_order_amount: "", gc_order_offer: "" });
});

test("a disabled kind yields nothing", () => {
  const settings = forwardingSettingsSchema.parse({ events: { paid: { enabled: false } } });
  expect(notificationFor(event, target, settings)).toBeNull();
  expect(notificationFor({ ...event, kind: "created" }, target, settings)?.message).toBe("gc_order_created");
});

test("tg_callback goes by Telegram id, and falls back to callback without one", () => {
  const settings = forwardingSettingsSchema.parse({ method: "tg_callback", botUsername: "school_bot" });
  const payload = notificationFor(event, target, settings);
  expect(payload).toMatchObject({ method: "tg_callback", telegramId: "5001001", botUsername: "school_bot" });
  expect(deliveryPayloadSchema.parse(payload)).toEqual(payload);
  expect(notificationFor(event, { ...target, telegramId: null }, settings)?.method).toBe("callback");
});

test("the key is per event and per client", () => {
  expect(deliveryKey(event, target)).toBe("order:process:paid:42:777:1001");
  expect(deliveryKey(event, { ...target, sbClientId: "2" })).not.toBe(deliveryKey(event, target));
});

test("with order details only to proven links, an unproven chat gets the notice without amount or offer", () => {
  const settings = forwardingSettingsSchema.parse({ orderDetailsOnlyToProvenLinks: true });
  const unproven = notificationFor(event, { ...target, proof: null }, settings);
  expect(unproven).toMatchObject({ method: "callback", message: "gc_order_paid" });
  expect(unproven?.variables).toEqual({
    gc_order_number: "1001",
    gc_order_amount: "",
    gc_order_currency: "",
    gc_order_offer: "",
    gc_order_status: "payed",
  });
  for (const proof of ["email_code", "start_link", "admin"] as const) {
    expect(notificationFor(event, { ...target, proof }, settings)?.variables).toMatchObject({
      gc_order_amount: "1500.00",
      gc_order_offer: "Course",
    });
  }
  // Off (the default): every linked chat gets the details, as the seed's flow expects.
  expect(notificationFor(event, target, DEFAULT_FORWARDING_SETTINGS)?.variables.gc_order_amount).toBe("1500.00");
});
