import { createHash } from "node:crypto";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "@/lib/json-depth";
import { messengerOfClientType } from "@/lib/salebot/client-types";
import { postgresSafeJson } from "@/lib/postgres-text";
import { salebotWebhookPayload, startParameterOf } from "@/lib/salebot/webhook-payload";

/** One Salebot webhook, reduced to what the hub stores. `receivedAt` is ours: the webhook has no time. */
export type IngestedMessage = {
  projectId: string;
  messageId: string;
  clientId: string | null;
  platformId: string | null;
  messenger: string | null;
  bot: string | null;
  name: string | null;
  startParam: string | null;
  text: string | null;
  fromClient: boolean;
  receivedAt: string;
  payload: Record<string, unknown>;
};

const MAX_BODY_BYTES = 256 * 1024;

/**
 * The client's fields land in indexed columns, and Postgres cannot index a value longer than a third
 * of a page (about 2.7 kB of text that does not compress): longer ones are cut here, so the message
 * is still stored. The stored payload keeps them whole.
 */
const MAX_INDEXED_TEXT = 255;

function indexable(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : value.slice(0, MAX_INDEXED_TEXT);
}
const ESCAPED_UNSTORABLE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

export class WebhookBodyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = "WebhookBodyError";
  }
}

/**
 * Parses the raw body. A message without Salebot's id gets a stable one from its content, so a
 * redelivery of it is still stored once.
 */
export function parseSalebotWebhook(rawBody: string, fallbackProjectId: string, receivedAt: Date): IngestedMessage {
  if (Buffer.byteLength(rawBody) > MAX_BODY_BYTES)
    throw new WebhookBodyError("(body)", "The body is larger than 256 KiB.");
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new WebhookBodyError("(body)", "The body is not valid JSON.");
  }
  if (!json || typeof json !== "object" || Array.isArray(json))
    throw new WebhookBodyError("(body)", "The body must be a JSON object.");
  if (jsonDepthExceeds(json))
    throw new WebhookBodyError("(body)", `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
  // Postgres cannot store U+0000 or a lone surrogate; only a body that spells one as an escape
  // can contain them, so the cleaning walk runs for those alone, off the usual path.
  if (ESCAPED_UNSTORABLE.test(rawBody)) json = postgresSafeJson(json);
  const parsed = salebotWebhookPayload.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new WebhookBodyError(issue?.path.join(".") || "(body)", issue?.message ?? "invalid");
  }
  const payload = parsed.data;
  const client = payload.client;
  const projectId = String(payload.project_id ?? fallbackProjectId);
  const messageId =
    payload.id !== null
      ? String(payload.id)
      : `sha256:${createHash("sha256").update(rawBody).digest("hex").slice(0, 40)}`;
  return {
    projectId,
    messageId,
    clientId: client ? String(client.id) : null,
    platformId: indexable(client?.recepient),
    messenger: client ? messengerOfClientType(client.client_type) : null,
    bot: indexable(client?.group),
    name: indexable(client?.name),
    startParam: client
      ? indexable(startParameterOf(client.tag, payload.is_input !== false ? payload.message : null))
      : null,
    text: payload.message,
    // Salebot documents is_input=1 for the client's messages; a webhook without it is taken as one.
    fromClient: payload.is_input !== false,
    receivedAt: receivedAt.toISOString(),
    payload: json as Record<string, unknown>,
  };
}
