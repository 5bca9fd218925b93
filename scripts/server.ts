// The hub's HTTP server: Next's request handler for everything, except the two paths machines
// call at high rates, answered before Next's pipeline: the Salebot webhook (a lean handler of its
// own) and a bot's POST /api/link (the Next route's own handler, run from node:http).
// Those two run on this script's own copy of lib/ (loaded by tsx), apart from the copies Next
// bundles: this copy loads its settings itself, and shares only pools, the queue and the metrics
// registry with them (lib/process-singleton.ts).
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage } from "node:http";
import next from "next";
import { handleSalebotWebhookNode, SALEBOT_WEBHOOK_PATH } from "../lib/events/salebot-webhook-node";
import { resumeSalebotSpool, stopSalebotIngest } from "../lib/events/salebot-ingest";
import { getEnv } from "../lib/env";
import { MAX_REQUEST_BODY_BYTES } from "../lib/http";
import { answerClientError, limitRequestBody, sendError, serveWebHandler, type WebHandler } from "../lib/http-node";
import { settleKeyLeases } from "../lib/linking/key-lock";
import { flushSalebotCallCounts } from "../lib/salebot-quota/call-counter";
import { markCookiesSecure } from "../lib/security/secure-cookies";
import { reachedOverHttps, settleForwardedHeaders } from "../lib/security/forwarded";
import { settingsReady, stopWatchingSettings } from "../lib/settings/load";

const dev = process.argv[2] === "dev";
const env = getEnv();
const port = env.PORT;
const hostname = env.HOSTNAME;
// HUB_NEXT=off serves only the webhook path: an ingest-only instance (and the fault tests).
const withNext = env.HUB_NEXT === "on";

const app = withNext ? next({ dev, dir: process.cwd(), port, hostname }) : null;
const handle = app?.getRequestHandler();
await app?.prepare();
// The webhook's token and the link's credentials, as saved on Settings, before the first request.
await settingsReady();
resumeSalebotSpool();
// With Next, instrumentation.ts starts the job workers. Without it, HUB_WORKERS=on makes this a
// worker + ingest instance (the fault tests run two of them on one database); off by default, so
// an ingest-only instance stays one.
const withWorkers = !withNext && env.HUB_WORKERS === "on";
if (withWorkers) {
  const { startWorkers } = await import("../lib/jobs/workers");
  await startWorkers();
}

// HSTS only where the hub is served over https (APP_URL), decided at run time: a build may be
// made elsewhere, and telling browsers "https only" for a plain-http install would lock them out.
const hsts = env.APP_URL?.startsWith("https://") ? "max-age=31536000; includeSubDomains" : null;

const LINK_PATH = "/api/link";
// Loaded on the first call: it brings in the linking flow and this copy's GetCourse/Salebot clients,
// built from the settings loaded above.
let linkHandler: Promise<WebHandler> | undefined;
const loadLinkHandler = () => (linkHandler ??= import("../app/api/link/route").then((route) => route.POST));

function isPost(req: IncomingMessage, path: string): boolean {
  return req.method === "POST" && req.url !== undefined && (req.url === path || req.url.startsWith(`${path}?`));
}

const server = createServer((req, res) => {
  if (hsts) res.setHeader("strict-transport-security", hsts);
  // Before anything reads them: the caller's address, and forwarded headers only from TRUST_PROXY.
  settleForwardedHeaders(req.headers, req.socket.remoteAddress);
  // Behind an https proxy the cookies are Secure even when APP_URL does not say https.
  if (reachedOverHttps(req.headers)) markCookiesSecure(res);
  if (isPost(req, SALEBOT_WEBHOOK_PATH)) {
    void handleSalebotWebhookNode(req, res);
    return;
  }
  if (handle && isPost(req, LINK_PATH)) {
    void loadLinkHandler().then(
      (handler) => serveWebHandler(req, res, "POST /api/link", handler),
      (error: unknown) => sendError(res, error, randomUUID(), "POST /api/link"),
    );
    return;
  }
  // Every other path (pages, server actions, /api/auth/*, route handlers): the size gate runs
  // before Next reads anything.
  if (!limitRequestBody(req, res, MAX_REQUEST_BODY_BYTES)) return;
  if (handle) void handle(req, res);
  else res.writeHead(404, { "content-type": "application/json" }).end('{"success":false,"error":"not_found"}');
});
server.on("clientError", answerClientError);
server.keepAliveTimeout = 65_000;
server.listen(port, hostname, () => console.log(`✓ Ready on http://localhost:${port}`));

let closing = false;
async function shutdown(): Promise<void> {
  if (closing) return;
  closing = true;
  // Stop taking requests, let in-flight webhooks reach the database or the spool, then leave.
  server.close();
  server.closeIdleConnections();
  await stopSalebotIngest().catch(() => {});
  await stopWatchingSettings().catch(() => {});
  await settleKeyLeases().catch(() => {});
  if (withWorkers) {
    const { stopBoss } = await import("../lib/jobs/boss");
    await stopBoss().catch(() => {});
  }
  // The Salebot calls counted since the last flush (at most 5 s of them).
  await flushSalebotCallCounts().catch(() => {});
  await app?.close().catch(() => {});
  // 0, unless something set process.exitCode on the way out (job workers that could not start).
  process.exit();
}
// A stray rejection in background work must not take the webhook endpoint down with it (the
// fault tests found one); it is logged as a JSON line and the server carries on.
process.on("unhandledRejection", (reason) => {
  process.stderr.write(
    `${JSON.stringify({ time: new Date().toISOString(), level: "error", msg: "unhandled rejection", error: String(reason) })}\n`,
  );
});
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
