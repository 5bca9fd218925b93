import { z } from "zod";
import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";

/**
 * What the hub forwards to Salebot and writes back to GetCourse: one JSON value in the `settings`
 * table. Every field has the DESIGN.md default, so a missing row, or a row written by an older
 * version with fewer fields, still reads as a complete set.
 */
export const FORWARDING_SETTINGS_KEY = "forwarding";

export const ORDER_EVENT_KINDS = ["created", "paid", "status_changed"] as const;
export type OrderEventKindName = (typeof ORDER_EVENT_KINDS)[number];

export const FORWARDING_METHODS = ["callback", "tg_callback"] as const;
export type ForwardingMethod = (typeof FORWARDING_METHODS)[number];

export const DEFAULT_ACTIVITY_FIELD = "last_bot_message_at";

/** Tries per delivery an admin may choose: the schema, the form's input and its error message share them. */
export const MAX_ATTEMPTS_RANGE = { min: 1, max: 20 } as const;

const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);

/** Salebot's `group_id` for `tg_callback` is the bot's username, which Telegram makes end in `bot`. */
const botUsername = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .transform((name) => name.replace(/^@/, ""))
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z][A-Za-z0-9_]{2,62}bot$/i, { error: "must be a Telegram bot username ending in “bot”" }),
    )
    .nullable()
    .default(null),
);

const eventSettings = (kind: OrderEventKindName) =>
  z
    .object({
      enabled: z.boolean().default(true),
      /** The callback text a Salebot block condition matches. */
      message: z.string().trim().min(1, { error: "is required" }).max(255).default(`gc_order_${kind}`),
    })
    .prefault({});

export const forwardingSettingsSchema = z.object({
  /** `callback` addresses the Salebot client id; `tg_callback` the Telegram id and bot username. */
  method: z.enum(FORWARDING_METHODS).default("callback"),
  /** For `tg_callback`; null → the bot configured for the project (SALEBOT_BOT_USERNAME). */
  botUsername,
  /**
   * Amounts and offers go only to links proven by the e-mailed /connect code, a personal start
   * link or an admin's relink; other chats get the notice with those variables empty. Off by
   * default: the seed's bot flow (e-mail typed into the bot) makes unproven links.
   */
  orderDetailsOnlyToProvenLinks: z.boolean().default(false),
  /** Tries per delivery before it is marked dead. */
  maxAttempts: z.int().min(MAX_ATTEMPTS_RANGE.min).max(MAX_ATTEMPTS_RANGE.max).default(8),
  events: z
    .object({
      created: eventSettings("created"),
      paid: eventSettings("paid"),
      status_changed: eventSettings("status_changed"),
    })
    .prefault({}),
  activity: z
    .object({
      enabled: z.boolean().default(true),
      /** GetCourse user custom field that receives the time of the client's last bot message. */
      field: z.string().trim().min(1, { error: "is required" }).max(100).default(DEFAULT_ACTIVITY_FIELD),
    })
    .prefault({}),
});

export type ForwardingSettings = z.output<typeof forwardingSettingsSchema>;
export type ForwardingSettingsInput = z.input<typeof forwardingSettingsSchema>;

export const DEFAULT_FORWARDING_SETTINGS: ForwardingSettings = forwardingSettingsSchema.parse({});

/** Settings are read on every order event and every sync run; a few seconds of staleness is fine. */
const CACHE_MS = 10_000;
// Per copy of lib/ (see lib/process-singleton.ts): a short-lived copy of a database row, so each copy
// reads its own and none waits on another to refresh it.
const cache: { hubForwardingSettings?: { at: number; value: ForwardingSettings } } = {};

/** A stored value that no longer parses must not stop forwarding: it reads as the defaults, loudly. */
export function parseStoredForwardingSettings(value: unknown): ForwardingSettings {
  const parsed = forwardingSettingsSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  log.warn("stored forwarding settings are invalid; using the defaults", {
    issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`),
  });
  return DEFAULT_FORWARDING_SETTINGS;
}

export async function getForwardingSettings(): Promise<ForwardingSettings> {
  const cached = cache.hubForwardingSettings;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const row = await db.setting.findUnique({ where: { key: FORWARDING_SETTINGS_KEY } });
  const value = parseStoredForwardingSettings(row?.value);
  cache.hubForwardingSettings = { at: Date.now(), value };
  return value;
}

/** Validates (throws a ZodError on bad input), stores and returns the complete settings. */
export async function saveForwardingSettings(
  input: ForwardingSettingsInput,
  updatedBy?: string,
): Promise<ForwardingSettings> {
  const value = forwardingSettingsSchema.parse(input);
  await db.setting.upsert({
    where: { key: FORWARDING_SETTINGS_KEY },
    create: { key: FORWARDING_SETTINGS_KEY, value, updatedBy: updatedBy ?? null },
    update: { value, updatedBy: updatedBy ?? null },
  });
  cache.hubForwardingSettings = { at: Date.now(), value };
  return value;
}

/** Forgets the cached copy, e.g. after another process changed the row. */
export function clearForwardingSettingsCache(): void {
  cache.hubForwardingSettings = undefined;
}
