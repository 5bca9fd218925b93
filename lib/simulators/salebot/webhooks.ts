import type { SimClient, SimHistoryItem } from "./state";

/** The JSON Salebot POSTs to the project webhook (doc §3), exactly as sent: note `recepient`. */
export type SalebotWebhookJson = {
  id: number;
  client: {
    id: number;
    recepient: string;
    client_type: number;
    name: string | null;
    avatar: string | null;
    created_at: string;
    tag: string | null;
    group: string;
  };
  message: string;
  attachments: string[] | string;
  message_id: string | null;
  project_id: number;
  is_input: 0 | 1;
  delivered: 0 | 1;
  error_message: string;
};

/** Salebot's own `YYYY-MM-DD HH:MM:SS` style for the client's creation date. */
function salebotDateTime(date: Date): string {
  return date.toISOString().replace("T", " ").slice(0, 19);
}

/** Python repr of a list of strings, as practitioners report attachments arriving (doc §3). */
function pythonListRepr(urls: readonly string[]): string {
  return `[${urls.map((url) => `'${url}'`).join(", ")}]`;
}

export function webhookJsonOf(
  client: SimClient,
  item: SimHistoryItem,
  projectId: number,
  options: { attachmentsAsRepr?: boolean } = {},
): SalebotWebhookJson {
  return {
    id: item.id,
    client: {
      id: client.id,
      recepient: client.platformId,
      client_type: client.clientType,
      name: client.name,
      avatar: client.avatar,
      created_at: salebotDateTime(client.createdAt),
      tag: client.tag,
      group: client.group,
    },
    message: item.text,
    attachments: options.attachmentsAsRepr ? pythonListRepr(item.attachments) : [...item.attachments],
    message_id: item.blockId,
    project_id: projectId,
    is_input: item.clientReplica ? 1 : 0,
    delivered: item.delivered ? 1 : 0,
    error_message: item.delivered ? "" : "send failed",
  };
}

export type WebhookDelivery = {
  url: string;
  payload: SalebotWebhookJson;
  /** HTTP status, or undefined when the request failed before an answer. */
  status: number | undefined;
  error?: string;
};

export type PostWebhooksOptions = {
  /** Parallel requests; messages of one client still go in order. Default 4. */
  concurrency?: number;
  timeoutMs?: number;
};

export type PostWebhooksResult = { sent: number; failed: number; deliveries: WebhookDelivery[] };

/** One POST, no retry: Salebot does not resend a failed webhook (doc §3). */
export async function postWebhook(
  url: string,
  payload: SalebotWebhookJson,
  timeoutMs = 10_000,
): Promise<WebhookDelivery> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return { url, payload, status: response.status };
  } catch (error) {
    return { url, payload, status: undefined, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Posts in the given order with bounded parallelism. A client's messages never overlap, so a
 * receiver that stamps messages on arrival (the webhook carries no time) keeps each dialog's order.
 */
export async function postWebhooks(
  url: string,
  payloads: readonly SalebotWebhookJson[],
  options: PostWebhooksOptions = {},
): Promise<PostWebhooksResult> {
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pending = [...payloads];
  const busyClients = new Set<number>();
  const deliveries: WebhookDelivery[] = [];
  const waiters: Array<() => void> = [];

  const takeNext = (): SalebotWebhookJson | undefined => {
    const index = pending.findIndex((payload) => !busyClients.has(payload.client.id));
    if (index < 0) return undefined;
    const [next] = pending.splice(index, 1);
    return next;
  };

  const worker = async (): Promise<void> => {
    while (pending.length > 0) {
      const payload = takeNext();
      if (!payload) {
        // Everything left belongs to clients in flight: wait for one to finish.
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      busyClients.add(payload.client.id);
      deliveries.push(await postWebhook(url, payload, options.timeoutMs));
      busyClients.delete(payload.client.id);
      for (const waiter of waiters.splice(0)) waiter();
    }
  };

  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const sent = deliveries.filter((d) => d.status !== undefined && d.status < 400).length;
  return { sent, failed: deliveries.length - sent, deliveries };
}
