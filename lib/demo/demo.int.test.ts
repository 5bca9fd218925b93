import { mkdtempSync } from "node:fs";
import { translator } from "@/lib/i18n/messages";
import { translateTechnicalText } from "@/lib/i18n/technical-text";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST as linkPost } from "@/app/api/link/route";
import { GET as gcGet, POST as gcPost } from "@/app/api/webhooks/getcourse/route";
import { POST as sbPost } from "@/app/api/webhooks/salebot/route";
import { getDb } from "@/lib/db";
import { stopSalebotIngest } from "@/lib/events/salebot-ingest";
import { createGetCourseClient } from "@/lib/getcourse";
import { installIntegrations } from "@/lib/integrations";
import { runMatchingOnce } from "@/lib/matching/job";
import { createSalebotClient } from "@/lib/salebot/client";
import { TEST_HUB_TOKENS } from "@/lib/testing/database-per-file";
import { DEMO_BOT_USERNAME, DEMO_FIELDS, DEMO_HISTORY_SETTING, DEMO_PROJECT_ID } from "./constants";

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
import { ensureDemoHistory } from "./history";
import { GET as startLinkGet } from "@/app/api/link/start-link/route";
import { redeemNewStartCodes } from "@/lib/linking/start-link/scan";
import { isDemoLiveDone, playDemoLive } from "./live";
import { buildDemoScenario } from "./scenario";
import { type DemoSimulators, loadScenario, pointAtHub, startDemoSimulators } from "./simulators";

type Handler = (request: Request) => Promise<Response>;

/** The hub's real route handlers behind a real HTTP port, so the simulators call it as they would the hub. */
const ROUTES: Record<string, Handler> = {
  "POST /api/link": linkPost,
  "GET /api/link/start-link": startLinkGet,
  "GET /api/webhooks/getcourse": gcGet,
  "POST /api/webhooks/getcourse": gcPost,
  "POST /api/webhooks/salebot": sbPost,
};

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function startRouteServer(): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const handler = ROUTES[`${req.method} ${url.pathname}`];
    if (!handler) return void res.writeHead(404).end();
    const body = req.method === "GET" ? undefined : await bodyOf(req);
    const headers = Object.entries(req.headers).flatMap(([name, value]) =>
      typeof value === "string" ? [[name, value] as [string, string]] : [],
    );
    const answer = await handler(new Request(url, { method: req.method, headers, body }));
    res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }),
    ),
  );
}

const anchor = new Date(Date.now() - 60_000);
let sims: DemoSimulators;
let hub: { url: string; server: Server };

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "hub-demo-spool-"));
  sims = await startDemoSimulators();
  hub = await startRouteServer();
  const calls = { timeoutMs: 2_000, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 50 } };
  const sb = createSalebotClient({
    apiUrl: sims.sb.apiUrl,
    apiKey: sims.sb.apiKey,
    projectId: DEMO_PROJECT_ID,
    ...calls,
  });
  installIntegrations({
    gc: createGetCourseClient({
      accountUrl: sims.gc.url,
      apiKey: sims.gc.apiKey,
      techToken: sims.gc.techToken,
      ...calls,
    }),
    sb,
    projectId: DEMO_PROJECT_ID,
    fields: DEMO_FIELDS,
    unknownEmail: "refuse",
    botUsername: DEMO_BOT_USERNAME,
  });
});

afterAll(async () => {
  installIntegrations(undefined);
  await sims?.close();
  await new Promise((resolve) => hub?.server.close(resolve));
  await stopSalebotIngest();
});

async function counts() {
  const db = getDb();
  const [clients, messages, links, attempts, orders, events, deliveries] = await Promise.all([
    db.salebotClient.count(),
    db.salebotMessage.count(),
    db.link.count(),
    db.linkAttempt.count(),
    db.gcOrder.count(),
    db.gcOrderEvent.count(),
    db.delivery.count(),
  ]);
  return { clients, messages, links, attempts, orders, events, deliveries };
}

describe("demo mode", () => {
  const scenario = buildDemoScenario({ seed: "int", anchor });

  test("writes the history once: the counts are the scenario's, and the same after a second run", async () => {
    const first = await ensureDemoHistory(getDb(), { seed: "int", anchor }, (mark) => buildDemoScenario(mark));
    expect(first.created).toBe(true);
    const after = await counts();
    expect(after).toEqual({
      clients: scenario.conversations.conversations.length,
      messages: scenario.conversations.messages.length,
      links: scenario.links.length,
      attempts: scenario.attempts.length,
      orders: scenario.orders.length,
      events: scenario.orders.reduce((n, order) => n + order.events.length, 0),
      deliveries: scenario.deliveries.length,
    });
    expect(after.clients).toBeGreaterThanOrEqual(200);

    // A restart proposes a new anchor; the stored one wins and nothing is written.
    const second = await ensureDemoHistory(getDb(), { seed: "other", anchor: new Date() }, (mark) =>
      buildDemoScenario(mark),
    );
    expect(second).toMatchObject({ created: false, mark: { seed: "int", anchor: anchor.toISOString() } });
    expect(await counts()).toEqual(after);

    const paid = await getDb().gcOrder.aggregate({ where: { paid: true }, _count: true });
    expect(paid._count).toBeGreaterThan(30);
    const open = await getDb().linkAttempt.groupBy({
      by: ["errorCode"],
      where: { resolvedAt: null, outcome: { not: "success" } },
      _count: true,
    });
    expect(open.map((row) => row.errorCode).sort()).toEqual([
      "conflict",
      "gc_auth_failed",
      "gc_unavailable",
      "internal_error",
      "start_link_foreign",
      "start_link_invalid",
      "start_link_used",
      "user_not_found",
    ]);

    // The campaigns, each with the clients that arrived through its start code.
    const campaigns = await getDb().campaign.findMany({ include: { _count: { select: { clients: true } } } });
    expect(campaigns.map((campaign) => campaign.startCode).sort()).toEqual(["ads_vk", "partner_42", "webinar_may"]);
    for (const campaign of campaigns)
      expect(campaign._count.clients, campaign.name).toBe(
        scenario.conversations.conversations.filter((c) => c.startParameter === campaign.startCode).length,
      );
    expect(Math.min(...campaigns.map((campaign) => campaign._count.clients))).toBeGreaterThan(0);
    // Every detail the history stores is one the dashboard tells in Russian.
    const details = await getDb().linkAttempt.findMany({
      where: { errorDetail: { not: null } },
      select: { errorDetail: true },
    });
    for (const { errorDetail } of details)
      expect(translateTechnicalText(translator("ru"), errorDetail), errorDetail ?? "").not.toBeNull();

    // Without the mark, a database with data in it is left alone (and the skip is not remembered).
    await getDb().setting.delete({ where: { key: DEMO_HISTORY_SETTING } });
    const third = await ensureDemoHistory(getDb(), { seed: "int", anchor }, (mark) => buildDemoScenario(mark));
    expect(third).toMatchObject({ created: false, mark: { skipped: "the database already had data" } });
    expect(await counts()).toEqual(after);
    expect(await getDb().setting.count({ where: { key: DEMO_HISTORY_SETTING } })).toBe(0);
  });

  test("the matcher turns the history's phones and e-mails into suggestions: unique ones wait, shared phones are ambiguous", async () => {
    // Batch by batch, as the worker's chain would, until every source is read.
    let read = 0;
    for (
      let run = await runMatchingOnce(DEMO_PROJECT_ID, 0);
      run.gcEvents.read + run.clients.read + run.messages.read > 0;
      run = await runMatchingOnce(DEMO_PROJECT_ID, 0)
    ) {
      read += run.clients.read;
    }
    expect(read).toBe(scenario.conversations.conversations.length);
    const byStatus = Object.fromEntries(
      (await getDb().linkSuggestion.groupBy({ by: ["kind", "status"], _count: true })).map((row) => [
        `${row.kind}:${row.status}`,
        row._count,
      ]),
    );
    expect(byStatus["phone:pending"]).toBe(scenario.matches.phone);
    expect(byStatus["email:pending"]).toBe(scenario.matches.email);
    expect(byStatus["phone:ambiguous"]).toBe(scenario.matches.ambiguous);
    expect(await getDb().link.count({ where: { source: "suggestion" } })).toBe(scenario.matches.confirmed);
  });

  test("plays the live part once, through the hub's endpoints, keeping the simulators in step", async () => {
    loadScenario(sims, scenario, { liveDone: false });
    pointAtHub(sims, hub.url, TEST_HUB_TOKENS);
    const before = await counts();

    const result = await playDemoLive(getDb(), { scenario, sims, hubUrl: hub.url, tokens: TEST_HUB_TOKENS });
    expect(result).not.toBeNull();
    expect(result?.links.map((link) => link.got)).toEqual(scenario.live.links.map((link) => link.expected));
    expect(result?.webhooks).toEqual({ sent: scenario.live.conversations.messages.length, failed: 0 });
    expect(result?.gcCallbacks.failed).toBe(0);
    expect(result?.gcCallbacks.delivered).toBeGreaterThanOrEqual(5);
    expect(result?.startLinks).toEqual(
      scenario.live.startLinks.map((planned) => ({
        sbClientId: planned.sbClientId,
        code: expect.stringMatching(/^gc-/),
      })),
    );
    // What the start-links job does moments later in a running hub.
    await redeemNewStartCodes();

    const after = await counts();
    expect(after.clients).toBe(before.clients + scenario.live.conversations.conversations.length);
    expect(after.messages).toBe(
      before.messages + scenario.live.conversations.messages.length + scenario.live.startLinks.length,
    );
    expect(after.links).toBe(before.links + 3 + scenario.live.startLinks.length);
    expect(after.attempts).toBe(before.attempts + scenario.live.links.length + scenario.live.startLinks.length);
    const [pressed] = scenario.live.startLinks;
    expect(await getDb().link.findFirst({ where: { sbClientId: pressed?.sbClientId } })).toMatchObject({
      email: pressed?.email,
      source: "deep_link",
      proof: "start_link",
    });
    expect(after.orders).toBe(before.orders + scenario.live.deals.length);
    // Created for all three, paid for two: forwarded to the freshly linked clients.
    expect(after.deliveries - before.deliveries).toBeGreaterThanOrEqual(5);

    const [first] = scenario.live.links;
    const gcUser = sims.gc.state.findUserByEmail(first?.email ?? "");
    expect(gcUser && sims.gc.state.userFieldValue(gcUser, DEMO_FIELDS.salebot)).toBe(first?.sbClientId);
    expect(sims.sb.state.client(first?.sbClientId ?? "")?.clientVariables.email).toBe(first?.email);
    const paid = await getDb().gcOrder.findMany({ where: { email: first?.email } });
    expect(paid).toMatchObject([{ paid: true, status: "payed", currency: "RUB" }]);

    expect(await isDemoLiveDone(getDb())).toBe(true);
    expect(await playDemoLive(getDb(), { scenario, sims, hubUrl: hub.url, tokens: TEST_HUB_TOKENS })).toBeNull();
    expect(await counts()).toEqual(after);
  });
});
