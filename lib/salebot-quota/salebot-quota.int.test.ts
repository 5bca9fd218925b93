import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { createSalebotClient } from "@/lib/salebot/client";
import { runVariablesBatch } from "@/lib/salebot-variables/fetch-batch";
import { runVariablesJob } from "@/lib/salebot-variables/job";
import { startSimulatedIntegrations, TEST_PROJECT_ID } from "@/lib/testing/simulated-integrations";
import {
  countSalebotCall,
  flushSalebotCallCounts,
  pendingSalebotCallCount,
  salebotCallCounter,
  utcDay,
} from "./call-counter";
import { currentIntegrationConfig, installIntegrations, setIntegrationConfig } from "@/lib/integrations";
import { getSalebotUsageView, USAGE_DAYS } from "./settings-view";
import { salebotUsage } from "./usage";
import {
  getSalebotVariablesSetting,
  SALEBOT_VARIABLES_SETTING_KEY,
  updateSalebotVariablesSetting,
} from "./variables-setting";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
const actor = { id: 1n, email: "admin@example.com" };

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
});
afterAll(async () => {
  await sims.close();
});
beforeEach(async () => {
  await flushSalebotCallCounts();
  await db.salebotApiCallDay.deleteMany();
  await db.salebotVariablesRetry.deleteMany();
  await db.salebotClient.deleteMany();
  await db.setting.deleteMany({ where: { key: SALEBOT_VARIABLES_SETTING_KEY } });
  await updateSalebotVariablesSetting(actor, { fetchOnFirstSight: true });
});

const rows = () => db.salebotApiCallDay.findMany({ orderBy: [{ day: "asc" }, { action: "asc" }] });

describe("Salebot API call counter", () => {
  test("counts are kept in memory and written in one batch, per project, UTC day and action", async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    for (let i = 0; i < 5; i++) countSalebotCall("777", "callback");
    countSalebotCall("777", "get_variables");
    countSalebotCall("888", "callback");
    countSalebotCall("777", "callback", yesterday);
    expect(pendingSalebotCallCount()).toBe(8);
    expect(await db.salebotApiCallDay.count()).toBe(0);

    await flushSalebotCallCounts();
    expect(pendingSalebotCallCount()).toBe(0);
    const written = (await rows()).map((row) => [row.projectId, utcDay(row.day), row.action, row.calls]);
    expect(written).toEqual(
      expect.arrayContaining([
        ["777", utcDay(new Date()), "callback", 5],
        ["777", utcDay(new Date()), "get_variables", 1],
        ["888", utcDay(new Date()), "callback", 1],
        ["777", utcDay(yesterday), "callback", 1],
      ]),
    );
    expect(written).toHaveLength(4);
  });

  test("flushes add to what is there: several instances (or restarts) sum up", async () => {
    // Another instance's flush, as a row already written.
    await db.salebotApiCallDay.create({
      data: { projectId: "777", day: new Date(`${utcDay(new Date())}T00:00:00Z`), action: "message", calls: 40 },
    });
    countSalebotCall("777", "message");
    countSalebotCall("777", "message");
    await Promise.all([flushSalebotCallCounts(), flushSalebotCallCounts()]);
    countSalebotCall("777", "message");
    await flushSalebotCallCounts();
    expect((await rows()).map((row) => row.calls)).toEqual([43]);
  });

  test("every HTTP request of a counting client is counted, retries included", async () => {
    const client = sims.sbSim.state.addClient({ platformId: "5001" });
    const sb = createSalebotClient({
      apiUrl: sims.sbSim.apiUrl,
      apiKey: sims.sbSim.apiKey,
      projectId: TEST_PROJECT_ID,
      retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      countCall: salebotCallCounter(TEST_PROJECT_ID),
    });
    sims.sbSim.faults.add({ kind: "http_503", count: 1 });
    await sb.callback({ clientId: client.id, message: "gc_order_paid" });
    await sb.getVariables(client.id);
    await flushSalebotCallCounts();
    const byAction = Object.fromEntries((await rows()).map((row) => [row.action, row.calls]));
    expect(byAction).toEqual({ callback: 2, get_variables: 1 });
  });
});

describe("Settings: Salebot usage and the first-sight get_variables fetch", () => {
  async function seenClients(count: number): Promise<void> {
    const at = new Date();
    for (let i = 0; i < count; i++) {
      const created = sims.sbSim.state.addClient({ platformId: `77${i}` });
      await db.salebotClient.create({
        data: { projectId: TEST_PROJECT_ID, clientId: String(created.id), firstMessageAt: at, lastMessageAt: at },
      });
    }
  }

  test("the usage view lists the last days, today first, with the get_variables share and zeros for quiet days", async () => {
    await seenClients(3);
    const sb = createSalebotClient({
      apiUrl: sims.sbSim.apiUrl,
      apiKey: sims.sbSim.apiKey,
      projectId: TEST_PROJECT_ID,
      countCall: salebotCallCounter(TEST_PROJECT_ID),
    });
    expect(await runVariablesBatch({ sb, projectId: TEST_PROJECT_ID, perSecond: 50, limit: 10 })).toMatchObject({
      fetched: 3,
    });
    countSalebotCall(TEST_PROJECT_ID, "callback", new Date(Date.now() - 2 * 86_400_000));
    countSalebotCall(TEST_PROJECT_ID, "callback", new Date(Date.now() - 30 * 86_400_000));
    await flushSalebotCallCounts();

    const usage = await salebotUsage(TEST_PROJECT_ID, 7);
    expect(usage.days).toHaveLength(7);
    expect(usage.days[0]).toEqual({ day: utcDay(new Date()), calls: 3, getVariables: 3 });
    expect(usage.days[1]).toMatchObject({ calls: 0, getVariables: 0 });
    expect(usage.days[2]).toMatchObject({ calls: 1, getVariables: 0 });
    expect(usage).toMatchObject({ total: 4, getVariablesTotal: 3 });
    expect((await salebotUsage("another-project", 7)).total).toBe(0);

    // The Settings card: the configured project's days, and the fetch's cost over the last 7 days.
    const config = currentIntegrationConfig();
    const project = {
      ...config.salebot[0],
      apiKey: "k",
      projectId: TEST_PROJECT_ID,
    } as (typeof config.salebot)[number];
    setIntegrationConfig({ ...config, salebot: [project] });
    try {
      const view = await getSalebotUsageView();
      expect(view).toMatchObject({ projectId: TEST_PROJECT_ID, fetchOnFirstSight: true, lastWeekGetVariables: 3 });
      expect(view.usage?.days).toHaveLength(USAGE_DAYS);
    } finally {
      setIntegrationConfig(undefined);
      installIntegrations(sims.integrations);
    }
  });

  test("turned off, the worker makes no get_variables call and looks again later; the change is audited", async () => {
    await seenClients(2);
    expect(await getSalebotVariablesSetting()).toEqual({ fetchOnFirstSight: true });
    await updateSalebotVariablesSetting(actor, { fetchOnFirstSight: false });
    const calls = sims.sbSim.calls.length;
    const sent: { options: object | undefined }[] = [];
    const boss = { send: async (_queue: string, _data: object, options?: object) => void sent.push({ options }) };
    await runVariablesJob(boss as never, {});
    expect(sims.sbSim.calls.length).toBe(calls);
    expect(sent).toEqual([{ options: { startAfter: 60 } }]);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { target: SALEBOT_VARIABLES_SETTING_KEY },
      orderBy: { id: "desc" },
    });
    expect(audit).toMatchObject({ before: { fetchOnFirstSight: true }, after: { fetchOnFirstSight: false } });

    await updateSalebotVariablesSetting(actor, { fetchOnFirstSight: true });
    await runVariablesJob(boss as never, {});
    expect(sims.sbSim.calls.slice(calls).filter((call) => call.path.endsWith("/get_variables"))).toHaveLength(2);
  });
});
