import { expect, test } from "vitest";
import { DEFAULT_FORWARDING_SETTINGS, forwardingSettingsSchema, parseStoredForwardingSettings } from "./settings";

test("defaults follow DESIGN.md: callback, gc_order_<event> for every kind, last_bot_message_at", () => {
  expect(DEFAULT_FORWARDING_SETTINGS).toEqual({
    method: "callback",
    botUsername: null,
    // Off: the seed's bot flow makes unproven links, and they keep getting order details unless an admin opts in.
    orderDetailsOnlyToProvenLinks: false,
    maxAttempts: 8,
    events: {
      created: { enabled: true, message: "gc_order_created" },
      paid: { enabled: true, message: "gc_order_paid" },
      status_changed: { enabled: true, message: "gc_order_status_changed" },
    },
    activity: { enabled: true, field: "last_bot_message_at" },
  });
});

test("a partial stored value is completed with the defaults", () => {
  const settings = parseStoredForwardingSettings({ events: { paid: { message: "paid!" } }, method: "tg_callback" });
  expect(settings.method).toBe("tg_callback");
  expect(settings.events.paid).toEqual({ enabled: true, message: "paid!" });
  expect(settings.events.created.message).toBe("gc_order_created");
});

test("an unreadable stored value reads as the defaults", () => {
  expect(parseStoredForwardingSettings({ method: "carrier_pigeon" })).toEqual(DEFAULT_FORWARDING_SETTINGS);
  expect(parseStoredForwardingSettings(null)).toEqual(DEFAULT_FORWARDING_SETTINGS);
});

test("bot usernames lose a leading @, blank means the project's bot, and must end in bot", () => {
  expect(forwardingSettingsSchema.parse({ botUsername: " @School_Bot " }).botUsername).toBe("School_Bot");
  expect(forwardingSettingsSchema.parse({ botUsername: "  " }).botUsername).toBeNull();
  expect(forwardingSettingsSchema.safeParse({ botUsername: "schoolchannel" }).success).toBe(false);
});

test("empty messages, empty field names and silly attempt counts are rejected", () => {
  expect(forwardingSettingsSchema.safeParse({ events: { paid: { message: "  " } } }).success).toBe(false);
  expect(forwardingSettingsSchema.safeParse({ activity: { field: "" } }).success).toBe(false);
  expect(forwardingSettingsSchema.safeParse({ maxAttempts: 0 }).success).toBe(false);
});
