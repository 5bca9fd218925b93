import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptedToken, requireTokenValue, tokenFrom } from "@/lib/auth/tokens";
import { errorBody, HttpError } from "@/lib/http";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { acceptSalebotWebhook } from "./salebot-webhook";

export const SALEBOT_WEBHOOK_PATH = "/api/webhooks/salebot";
const MAX_BODY_BYTES = 256 * 1024;
const ROUTE = "POST /api/webhooks/salebot";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, "payload_too_large", "The body is larger than 256 KiB."));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": requestId,
  });
  res.end(text);
}

/**
 * The Salebot webhook answered straight from Node's HTTP server, before Next's request pipeline
 * (about a millisecond of CPU per request, the limit at webhook rates). Same token, same
 * validation, same envelope and the same durable ingest as the Next route.
 */
export async function handleSalebotWebhookNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  let status = 200;
  try {
    const url = new URL(req.url ?? "/", "http://hub.local");
    requireTokenValue(tokenFrom(req.headers.authorization, url), acceptedToken("link"), "link");
    const body = await acceptSalebotWebhook(await readBody(req));
    send(res, 200, body, requestId);
  } catch (error) {
    const http =
      error instanceof HttpError
        ? error
        : new HttpError(500, "internal_error", "Something went wrong on our side; the request id identifies it in the logs.");
    if (!(error instanceof HttpError)) log.error("salebot webhook failed", { requestId, error });
    status = http.status;
    if (!res.headersSent) send(res, status, errorBody(http, requestId), requestId);
  } finally {
    const m = metrics();
    m.httpRequests.inc({ route: ROUTE, method: "POST", status: String(status) });
    m.httpDuration.observe({ route: ROUTE, method: "POST" }, (performance.now() - started) / 1000);
  }
}
