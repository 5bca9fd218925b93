import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { installIntegrations } from "@/lib/integrations";
import { TEST_PROJECT_ID, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import { syncChatActivity } from "./activity-writeback";
import { clearForwardingSettingsCache, saveForwardingSettings } from "@/lib/forwarding/settings";

// No workers here: the minutely job would run with the real clock, and these tests move their own.
type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let nextId = 5000;

const FIELD = "last_bot_message_at";
const T0 = new Date("2026-03-01T10:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  sims.gcSim.state.addField({ title: FIELD });
});
afterAll(async () => {
  await sims.close();
});
beforeEach(async () => {
  sims.gcSim.faults.clear();
  installIntegrations(sims.integrations);
  clearForwardingSettingsCache();
  await saveForwardingSettings({});
  await db.link.deleteMany();
  await db.salebotClient.deleteMany();
});

/** A GC user, linked to a Salebot client the hub has seen write at `lastMessageAt`. */
async function activeCustomer(lastMessageAt: Date, options: { linked?: boolean; withGcUserId?: boolean } = {}) {
  const id = nextId++;
  const email = `active${id}@school.test`;
  const gcUser = sims.gcSim.state.addUser({ email });
  await db.salebotClient.create({
    data: { projectId: TEST_PROJECT_ID, clientId: String(id), lastMessageAt, firstMessageAt: lastMessageAt },
  });
  if (options.linked !== false) {
    await db.link.create({
      data: {
        projectId: TEST_PROJECT_ID,
        sbClientId: String(id),
        email,
        gcUserId: options.withGcUserId === false ? null : String(gcUser.id),
        source: "bot",
      },
    });
  }
  return { id, gcUser };
}

const fieldValue = (user: Parameters<Sims["gcSim"]["state"]["userFieldValue"]>[0]) =>
  sims.gcSim.state.userFieldValue(user, FIELD);
const fieldWrites = () => sims.gcSim.calls.filter((call) => call.path.includes("update-custom-fields")).length;
const syncedAt = async (id: number) =>
  (
    await db.salebotClient.findUniqueOrThrow({
      where: { projectId_clientId: { projectId: TEST_PROJECT_ID, clientId: String(id) } },
    })
  ).gcActivitySyncedAt;

describe("syncChatActivity", () => {
  test("writes once, not again within the hour, and again after a new message an hour later", async () => {
    const c = await activeCustomer(T0);

    expect(await syncChatActivity({ now: minutes(1) })).toEqual({ written: 1, skipped: 0, deferred: 0 });
    expect(fieldValue(c.gcUser)).toBe("2026-03-01T10:00:00Z");
    expect(await syncedAt(c.id)).toEqual(minutes(1));

    // Nothing new: nothing to write.
    expect((await syncChatActivity({ now: minutes(2) })).written).toBe(0);

    // A new message within the hour of the last write waits.
    await db.salebotClient.updateMany({ where: { clientId: String(c.id) }, data: { lastMessageAt: minutes(30) } });
    const writesBefore = fieldWrites();
    expect((await syncChatActivity({ now: minutes(31) })).written).toBe(0);
    expect((await syncChatActivity({ now: minutes(60) })).written).toBe(0);
    expect(fieldWrites()).toBe(writesBefore);
    expect(fieldValue(c.gcUser)).toBe("2026-03-01T10:00:00Z");

    // An hour after the last write it goes through, with the newest message's time.
    expect((await syncChatActivity({ now: minutes(62) })).written).toBe(1);
    expect(fieldValue(c.gcUser)).toBe("2026-03-01T10:30:00Z");
    expect(await syncedAt(c.id)).toEqual(minutes(62));
  });

  test("a link without a GC user id is written by e-mail", async () => {
    const c = await activeCustomer(T0, { withGcUserId: false });
    expect((await syncChatActivity({ now: minutes(1) })).written).toBe(1);
    expect(fieldValue(c.gcUser)).toBe("2026-03-01T10:00:00Z");
  });

  test("clients who are not linked are left alone", async () => {
    const c = await activeCustomer(T0, { linked: false });
    expect((await syncChatActivity({ now: minutes(1) })).written).toBe(0);
    expect(await syncedAt(c.id)).toBeNull();
  });

  test("runs are batch-limited; the rest follow on the next run", async () => {
    const customers = [await activeCustomer(T0), await activeCustomer(minutes(1)), await activeCustomer(minutes(2))];
    expect((await syncChatActivity({ now: minutes(5), batchSize: 2 })).written).toBe(2);
    expect((await syncChatActivity({ now: minutes(5), batchSize: 2 })).written).toBe(1);
    for (const c of customers) expect(fieldValue(c.gcUser)).not.toBe("");
  });

  test("a field GetCourse does not have: the run stops before touching anyone", async () => {
    await saveForwardingSettings({ activity: { field: "no_such_field" } });
    const c = await activeCustomer(T0);
    const writesBefore = fieldWrites();
    expect(await syncChatActivity({ now: minutes(1) })).toMatchObject({ written: 0, stoppedBy: "field_missing" });
    expect(await syncChatActivity({ now: minutes(2) })).toMatchObject({ written: 0, stoppedBy: "field_missing" });
    expect(fieldWrites()).toBe(writesBefore);
    expect(await syncedAt(c.id)).toBeNull();
  });

  test("switched off in the settings: nothing is written", async () => {
    await saveForwardingSettings({ activity: { enabled: false } });
    const c = await activeCustomer(T0);
    expect(await syncChatActivity({ now: minutes(1) })).toMatchObject({ written: 0, stoppedBy: "disabled" });
    expect(fieldValue(c.gcUser)).toBe("");
  });

  test("GetCourse down: the claims are given back and the next run writes", async () => {
    const a = await activeCustomer(T0);
    const b = await activeCustomer(minutes(1));
    await syncChatActivity({ now: minutes(2), batchSize: 0 }); // warms the cached field dictionary
    sims.gcSim.faults.add({ kind: "http_503" });
    expect(await syncChatActivity({ now: minutes(3) })).toMatchObject({
      written: 0,
      deferred: 2,
      stoppedBy: "gc_unavailable",
    });
    expect(await syncedAt(a.id)).toBeNull();
    expect(await syncedAt(b.id)).toBeNull();

    sims.gcSim.faults.clear();
    expect((await syncChatActivity({ now: minutes(4) })).written).toBe(2);
    expect(fieldValue(a.gcUser)).toBe("2026-03-01T10:00:00Z");
    expect(fieldValue(b.gcUser)).toBe("2026-03-01T10:01:00Z");
  });

  test("a GC user that no longer exists is skipped until the client writes again", async () => {
    const c = await activeCustomer(T0);
    await db.link.updateMany({
      where: { sbClientId: String(c.id) },
      data: { gcUserId: "987654321", email: "gone@school.test" },
    });
    expect(await syncChatActivity({ now: minutes(1) })).toMatchObject({ written: 0, skipped: 1 });
    expect(await syncedAt(c.id)).toEqual(minutes(1));
    expect((await syncChatActivity({ now: minutes(90) })).skipped).toBe(0);
  });
});
