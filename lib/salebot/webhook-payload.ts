import { z } from "zod";
import { integerFromAny, nullableInteger, nullableText, objectOrJsonString } from "./schemas";

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

/**
 * The messenger's own id: `recepient` (sic) in Salebot's docs [C]; public receivers also read
 * `platform_id` (S10: `client.get("recepient") or client.get("platform_id")`); `recipient` is the
 * spelling a fix would bring. The first one present wins.
 */
const PLATFORM_ID_KEYS = ["recepient", "platform_id", "recipient"] as const;

export const salebotWebhookClient = z
  .looseObject({
    id: integerFromAny.optional(),
    client_id: integerFromAny.optional(),
    recepient: nullableText,
    platform_id: nullableText,
    recipient: nullableText,
    client_type: nullableInteger,
    name: nullableText,
    avatar: nullableText,
    created_at: z
      .union([z.number(), z.string(), z.null()])
      .optional()
      .transform((value) => value ?? null),
    /** «Ключ подписки»: where a Telegram `?start=` payload most likely lands. */
    tag: nullableText,
    /** The bot the client belongs to: Telegram bot username, VK group id, ... */
    group: nullableText,
    group_id: nullableText,
  })
  .refine((raw) => raw.id !== undefined || raw.client_id !== undefined, {
    message: "Invalid input: the client has no id",
    path: ["id"],
  })
  .transform((raw) => ({
    ...raw,
    id: (raw.id ?? raw.client_id) as number,
    recepient: PLATFORM_ID_KEYS.map((key) => raw[key]).find((value) => value !== null) ?? null,
    group: raw.group ?? raw.group_id,
  }));

/** Fields a flat body (an «API-запрос» block posting `{"client_id": "#{client_id}", ...}`, doc §4) carries at the top. */
const FLAT_CLIENT_KEYS = [
  "client_id",
  ...PLATFORM_ID_KEYS,
  "client_type",
  "name",
  "avatar",
  "tag",
  "group",
  "group_id",
] as const;

/** Salebot's webhook nests the client [C]; a flat body with `client_id` at the top is read the same way. */
function nestFlatClient(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  if (record["client"] !== undefined && record["client"] !== null) return body;
  if (record["client_id"] === undefined || record["client_id"] === null || record["client_id"] === "") return body;
  const client: Record<string, unknown> = {};
  for (const key of FLAT_CLIENT_KEYS) if (record[key] !== undefined) client[key] = record[key];
  return { ...record, client };
}

export const salebotWebhookPayload = z.preprocess(
  nestFlatClient,
  z.looseObject({
    id: nullableInteger,
    client: objectOrJsonString(salebotWebhookClient)
      .nullable()
      .optional()
      .transform((value) => value ?? null),
    message: nullableText,
    attachments: z.unknown().optional().transform(attachmentUrls),
    /** The bot *block* the message was sent from, not a message id. */
    message_id: nullableText,
    project_id: nullableInteger,
    /** true = from the client, false = from the bot. */
    is_input: flag,
    delivered: flag,
    error_message: nullableText,
  }),
);

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
export function startParameterOf(
  tag: string | null | undefined,
  firstMessageText: string | null | undefined,
): string | null {
  const trimmedTag = tag?.trim();
  if (trimmedTag) return trimmedTag;
  return startParameterFromMessage(firstMessageText);
}
