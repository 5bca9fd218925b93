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

/** After the answer to an oversized body, how much more of it we read before hanging up. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

function tooLarge(): HttpError {
  return new HttpError(413, "payload_too_large", "The body is larger than 256 KiB.");
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const overflow = () => {
      over = true;
      chunks.length = 0;
      reject(tooLarge());
    };
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) overflow();
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Destroying the request here would reset the socket before the 413 goes out, so the
      // caller would see a dropped connection instead of the envelope: the rest is read and
      // dropped instead, up to a bound, and the connection is closed after the answer.
      if (over) {
        if (size > MAX_DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        overflow();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks).toString("utf8"));
    });
    req.on("error", reject);
  });
}

/**
 * Headers every answer of the lean path carries: the same baseline as the Next app's (see
 * next.config.mjs) for a JSON API: no sniffing, no framing, no referrer, not cached.
 */
export const LEAN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cache-control": "no-store",
};

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...LEAN_SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "x-request-id": requestId,
    // The rest of an oversized body is not worth keeping the connection for.
    ...(status === 413 ? { connection: "close" } : {}),
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
