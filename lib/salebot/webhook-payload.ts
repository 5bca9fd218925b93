import { z } from "zod";

/**
 * The project webhook Salebot POSTs for every incoming and outgoing message (doc §3).
 * Lenient on purpose: Salebot sends ids as numbers or strings, flags as 0/1 or strings,
 * `attachments` as JSON or as a Python repr string, and sometimes no `client` at all.
 * Unknown fields (`custom_answer`, `operator_start_dialog`, ...) are kept.
 */

const integerFromAny = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

const optionalInteger = z
  .union([integerFromAny, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value));

/** Platform ids can be negative (channels), long, or phone-like: kept as text. */
const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

const flag = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((value): boolean | null => {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0;
    return !/^(0|false|no|none|null)$/i.test(value.trim());
  });

/** Pulls every URL out of an attachments value: a list of URLs, a list of dicts of URLs, or a repr string of either. */
export function attachmentUrls(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === "string") {
    const urls = value.match(/https?:\/\/[^\s'",\]\}]+/g);
    return urls ? [...urls] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item) => attachmentUrls(item));
  if (typeof value === "object") return Object.values(value).flatMap((item) => attachmentUrls(item));
  return [];
}

export const salebotWebhookClient = z.looseObject({
  id: integerFromAny,
  /** Sic: Salebot spells it `recepient`; it is the messenger's own id (platform_id). */
  recepient: optionalText,
  client_type: optionalInteger,
  name: optionalText,
  avatar: optionalText,
  created_at: z.union([z.number(), z.string(), z.null()]).optional().transform((value) => value ?? null),
  /** «Ключ подписки»: where a Telegram `?start=` payload most likely lands. */
  tag: optionalText,
  /** The bot the client belongs to: Telegram bot username, VK group id, ... */
  group: optionalText,
});

export const salebotWebhookPayload = z.looseObject({
  id: optionalInteger,
  client: salebotWebhookClient.nullable().optional().transform((value) => value ?? null),
  message: optionalText,
  attachments: z.unknown().optional().transform(attachmentUrls),
  /** The bot *block* the message was sent from, not a message id. */
  message_id: optionalText,
  project_id: optionalInteger,
  /** true = from the client, false = from the bot. */
  is_input: flag,
  delivered: flag,
  error_message: optionalText,
});

export type SalebotWebhookPayload = z.output<typeof salebotWebhookPayload>;
export type SalebotWebhookPayloadInput = z.input<typeof salebotWebhookPayload>;
export type SalebotWebhookClient = z.output<typeof salebotWebhookClient>;

/** `/start X` (also `/start@bot X`) → `X`; anything else → null. */
export function startParameterFromMessage(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = /^\/start(?:@\w+)?\s+(\S+)/.exec(text.trim());
  return match?.[1] ?? null;
}

/** DESIGN: a client's start parameter is `client.tag`, else the argument of a first message `/start X`. */
export function startParameterOf(tag: string | null | undefined, firstMessageText: string | null | undefined): string | null {
  const trimmedTag = tag?.trim();
  if (trimmedTag) return trimmedTag;
  return startParameterFromMessage(firstMessageText);
}
