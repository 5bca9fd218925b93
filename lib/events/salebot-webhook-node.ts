import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { acceptedToken, requireTokenValue, tokenFrom } from "@/lib/auth/tokens";
import { readNodeBody, sendError, sendJson } from "@/lib/http-node";
import { metrics } from "@/lib/observability/metrics";
import { acceptSalebotWebhook } from "./salebot-webhook";

export const SALEBOT_WEBHOOK_PATH = "/api/webhooks/salebot";
const ROUTE = "POST /api/webhooks/salebot";

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
    const body = await acceptSalebotWebhook((await readNodeBody(req)).toString("utf8"));
    sendJson(res, 200, body, requestId);
  } catch (error) {
    status = sendError(res, error, requestId, ROUTE);
  } finally {
    const m = metrics();
    m.httpRequests.inc({ route: ROUTE, method: "POST", status: String(status) });
    m.httpDuration.observe({ route: ROUTE, method: "POST" }, (performance.now() - started) / 1000);
  }
}
