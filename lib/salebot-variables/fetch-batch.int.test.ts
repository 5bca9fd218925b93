import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ensureAnalyticsFresh } from "@/lib/analytics";
import { db } from "@/lib/db";
import { QUEUES } from "@/lib/jobs/boss";
import type { SalebotClient } from "@/lib/salebot/client";
import { startSimulatedIntegrations, TEST_PROJECT_ID } from "@/lib/testing/simulated-integrations";
import { runVariablesBatch } from "./fetch-batch";
import { runVariablesJob } from "./job";

// No workers here: each test runs the batch (or one job) itself and looks at the simulator.
type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let sb: SalebotClient;
let nextId = 7_000_000;

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  sb = sims.integrations.sbNoRetry ?? sims.integrations.sb;
});
afterAll(async () => {
  await sims.close();
});
beforeEach(async () => {
  sims.sbSim.faults.clear();
  await db.campaignClient.deleteMany();
  await db.campaign.deleteMany();
  await db.salebotVariablesRetry.deleteMany();
  await db.salebotClient.deleteMany();
});

/** A client the hub has seen write (the webhook made its row), and optionally Salebot's own record. */
async function seen(
  options: {
    inSalebot?: boolean;
    variables?: Record<string, string>;
    dealVariables?: Record<string, string>;
    startParam?: string;
    utmSource?: string;
  } = {},
) {
  const id = nextId++;
  if (options.inSalebot !== false)
    sims.sbSim.state.addClient({
      id,
      platformId: String(id),
      variables: options.variables,
      dealVariables: options.dealVariables,
    });
  const at = new Date();
  await db.salebotClient.create({
    data: {
      projectId: TEST_PROJECT_ID,
      clientId: String(id),
      startParam: options.startParam,
      utmSource: options.utmSource,
      firstMessageAt: at,
      lastMessageAt: at,
    },
  });
  return String(id);
}

const row = (clientId: string) =>
  db.salebotClient.findUniqueOrThrow({ where: { projectId_clientId: { projectId: TEST_PROJECT_ID, clientId } } });
const variableCalls = () => sims.sbSim.calls.filter((call) => call.path.endsWith("/get_variables")).length;
const batch = (options: { perSecond?: number; limit?: number; sb?: Pick<SalebotClient, "getVariables"> } = {}) =>
  runVariablesBatch({
    sb: options.sb ?? sb,
    projectId: TEST_PROJECT_ID,
    perSecond: options.perSecond ?? 50,
    limit: options.limit ?? 100,
  });

async function campaign(fields: {
  kind: "telegram_start" | "salebot_link";
  startCode: string;
  utmSource: string;
  utmMedium?: string;
  utmCampaign?: string;
}) {
  return db.campaign.create({
    data: {
      name: fields.startCode,
      bot: "school_bot",
      salebotLink: fields.kind === "salebot_link" ? "school_1" : null,
      ...fields,
    },
  });
}

describe("first-seen variables", () => {
  test("fetched once; UTM columns filled only where still null (first touch wins)", async () => {
    const fresh = await seen({ variables: { utm_source: "vk", utm_medium: "cpc", utm_campaign: "spring" } });
    const touched = await seen({ variables: { utm_source: "vk", utm_medium: "cpc" }, utmSource: "insta" });
    const calls = variableCalls();

    expect(await batch()).toMatchObject({ picked: 2, fetched: 2, pauseSeconds: null });
    expect(await row(fresh)).toMatchObject({
      utmSource: "vk",
      utmMedium: "cpc",
      utmCampaign: "spring",
      utmContent: null,
    });
    expect(await row(touched)).toMatchObject({ utmSource: "insta", utmMedium: "cpc" });
    const stored = (await row(fresh)).variables as Record<string, unknown>;
    // The simulator plays live shapes: Salebot keeps variables, system ones included, as strings.
    expect(stored).toMatchObject({ utm_source: "vk", client_id: fresh });
    expect((await row(fresh)).variablesFetchedAt).toBeInstanceOf(Date);

    expect(await batch()).toMatchObject({ picked: 0 });
    expect(variableCalls() - calls).toBe(2);
  });

  test("a start code attributes the client and fills its UTM from the campaign; analytics picks it up", async () => {
    const tg = await campaign({
      kind: "telegram_start",
      startCode: "webinar_x",
      utmSource: "tg_ads",
      utmMedium: "cpc",
    });
    const client = await seen({ startParam: "webinar_x", variables: { utm_medium: "stories" } });
    await ensureAnalyticsFresh();
    expect(await db.analyticsClientFact.findFirstOrThrow({ where: { clientId: client } })).toMatchObject({
      utmSource: "",
      startParam: "webinar_x",
    });

    await batch();
    // Salebot's own stored tag wins where it has one; the campaign fills the rest.
    expect(await row(client)).toMatchObject({ utmSource: "tg_ads", utmMedium: "stories" });
    expect(await db.campaignClient.findFirstOrThrow({ where: { clientId: client } })).toMatchObject({
      campaignId: tg.id,
      via: "start_param",
    });

    await ensureAnalyticsFresh();
    expect(await db.analyticsClientFact.findFirstOrThrow({ where: { clientId: client } })).toMatchObject({
      utmSource: "tg_ads",
    });
  });

  test("a Salebot tracking link's hub_campaign variable attributes exactly", async () => {
    const first = await campaign({ kind: "salebot_link", startCode: "sb_one", utmSource: "yandex", utmMedium: "cpc" });
    const second = await campaign({ kind: "salebot_link", startCode: "sb_two", utmSource: "yandex", utmMedium: "cpc" });
    // Parameters of salebot.pro/r/ links land in the deal's variables (docs §5).
    const exact = await seen({ dealVariables: { utm_source: "yandex", utm_medium: "cpc", hub_campaign: "sb_one" } });
    const byTags = await seen({ dealVariables: { utm_source: "yandex", utm_medium: "cpc" } });
    const stranger = await seen({ variables: { utm_source: "google" } });

    await batch();
    expect(await db.campaignClient.findFirstOrThrow({ where: { clientId: exact } })).toMatchObject({
      campaignId: first.id,
      via: "variable",
    });
    // Same tags, no marker: the newest matching campaign.
    expect(await db.campaignClient.findFirstOrThrow({ where: { clientId: byTags } })).toMatchObject({
      campaignId: second.id,
      via: "utm",
    });
    expect(await db.campaignClient.findFirst({ where: { clientId: stranger } })).toBeNull();
    expect(await row(stranger)).toMatchObject({ utmSource: "google" });
  });

  test("not_found: fetched with empty variables, the start code still attributes", async () => {
    const tg = await campaign({ kind: "telegram_start", startCode: "gone_code", utmSource: "tg" });
    const gone = await seen({ inSalebot: false, startParam: "gone_code" });
    expect(await batch()).toMatchObject({ notFound: 1, failed: 0 });
    expect(await row(gone)).toMatchObject({ variables: {}, utmSource: "tg" });
    expect((await row(gone)).variablesFetchedAt).toBeInstanceOf(Date);
    expect(await db.campaignClient.findFirstOrThrow({ where: { clientId: gone } })).toMatchObject({
      campaignId: tg.id,
    });
  });

  test("503: the run stops without hammering, the client waits out its backoff, then is fetched", async () => {
    const [a, b, c] = [await seen({ variables: { utm_source: "a" } }), await seen(), await seen()];
    sims.sbSim.faults.add({ kind: "http_503", count: 1 });
    const calls = variableCalls();

    const stopped = await batch({ perSecond: 5 });
    expect(stopped).toMatchObject({ failed: 1, fetched: 0, pauseSeconds: 5 });
    expect(variableCalls() - calls).toBe(1);
    expect(await row(a)).toMatchObject({ variablesFetchedAt: null, variables: null });
    const retry = await db.salebotVariablesRetry.findFirstOrThrow({ where: { clientId: a } });
    expect(retry.attempts).toBe(1);
    expect(retry.retryAt.getTime()).toBeGreaterThan(Date.now() + 20_000);

    // The others go on; the failed one waits for its time.
    expect(await batch()).toMatchObject({ picked: 2, fetched: 2 });
    expect((await row(b)).variablesFetchedAt).toBeInstanceOf(Date);
    expect((await row(c)).variablesFetchedAt).toBeInstanceOf(Date);
    expect(await batch()).toMatchObject({ picked: 0 });

    await db.salebotVariablesRetry.updateMany({ data: { retryAt: new Date(Date.now() - 1_000) } });
    expect(await batch()).toMatchObject({ picked: 1, fetched: 1 });
    expect(await row(a)).toMatchObject({ utmSource: "a" });
    expect(await db.salebotVariablesRetry.count()).toBe(0);
  });

  test("the job pauses the chain after an outage and carries the count of outages", async () => {
    await seen();
    sims.sbSim.faults.add({ kind: "http_503" });
    const sent: { queue: string; data: object; options: object | undefined }[] = [];
    const boss = {
      send: async (queue: string, data: object, options?: object) => void sent.push({ queue, data, options }),
    };
    await runVariablesJob(boss as never, { outages: 2 });
    expect(sent).toEqual([{ queue: QUEUES.salebotVariables, data: { outages: 3 }, options: { startAfter: 20 } }]);
    sims.sbSim.faults.clear();
    await db.salebotVariablesRetry.deleteMany();
    await runVariablesJob(boss as never, { outages: 3 });
    expect(sent[1]).toEqual({ queue: QUEUES.salebotVariables, data: { outages: 0 }, options: { startAfter: 5 } });
  });

  test("call starts respect the rate limit", async () => {
    for (let i = 0; i < 12; i++) await seen();
    const starts: number[] = [];
    const timed: Pick<SalebotClient, "getVariables"> = {
      getVariables: (clientId) => {
        starts.push(performance.now());
        return sb.getVariables(clientId);
      },
    };
    expect(await batch({ perSecond: 5, sb: timed })).toMatchObject({ fetched: 12 });
    expect(starts).toHaveLength(12);
    // At most 5 starts in any one-second window (less a fraction of a millisecond: the hub's own
    // synchronous work between a slot and the call).
    for (let i = 0; i + 5 < starts.length; i++)
      expect((starts[i + 5] ?? 0) - (starts[i] ?? 0)).toBeGreaterThanOrEqual(999.5);
  });
});
