import { z } from "zod";
import { integerFromAny, nullableInteger, nullableText } from "./schemas";

/**
 * The project webhook Salebot POSTs for every incoming and outgoing message (doc §3).
 * Lenient on purpose: Salebot sends ids as numbers or strings, flags as 0/1 or strings,
 * `attachments` as JSON or as a Python repr string, and sometimes no `client` at all.
 * Unknown fields (`custom_answer`, `operator_start_dialog`, ...) are kept.
 */

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
  recepient: nullableText,
  client_type: nullableInteger,
  name: nullableText,
  avatar: nullableText,
  created_at: z.union([z.number(), z.string(), z.null()]).optional().transform((value) => value ?? null),
  /** «Ключ подписки»: where a Telegram `?start=` payload most likely lands. */
  tag: nullableText,
  /** The bot the client belongs to: Telegram bot username, VK group id, ... */
  group: nullableText,
});

export const salebotWebhookPayload = z.looseObject({
  id: nullableInteger,
  client: salebotWebhookClient.nullable().optional().transform((value) => value ?? null),
  message: nullableText,
  attachments: z.unknown().optional().transform(attachmentUrls),
  /** The bot *block* the message was sent from, not a message id. */
  message_id: nullableText,
  project_id: nullableInteger,
  /** true = from the client, false = from the bot. */
  is_input: flag,
  delivered: flag,
  error_message: nullableText,
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
