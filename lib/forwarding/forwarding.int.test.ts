import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { installIntegrations } from "@/lib/integrations";
import { startWorkers } from "@/lib/jobs/workers";
import { TEST_PROJECT_ID, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import { retryAllDead, retryDeliveryNow, runDelivery, sweepDueDeliveries } from "@/lib/deliveries/queue";
import { forwardOrderEvent } from "./forward-order";
import { clearForwardingSettingsCache, saveForwardingSettings } from "./settings";
import type { OrderEventForForwarding } from "@/lib/events/order-event";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let nextId = 3000;

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  await startWorkers();
});
afterAll(async () => {
  await sims.close();
});
beforeEach(async () => {
  sims.sbSim.faults.clear();
  installIntegrations(sims.integrations);
  clearForwardingSettingsCache();
  await saveForwardingSettings({});
});

/** A Salebot client linked to a GC user. */
async function linkedCustomer(options: { telegram?: boolean } = {}) {
  const id = nextId++;
  const telegramId = String(7_000_000 + id);
  const email = `buyer${id}@school.test`;
  sims.sbSim.state.addClient({ id, platformId: telegramId });
  await db.link.create({
    data: {
      projectId: TEST_PROJECT_ID,
      sbClientId: String(id),
      telegramId: options.telegram === false ? null : telegramId,
      email,
      gcUserId: String(90_000 + id),
      source: "bot",
    },
  });
  return { id, email, gcUserId: String(90_000 + id), telegramId };
}

function orderEvent(overrides: Partial<OrderEventForForwarding> = {}): OrderEventForForwarding {
  const deal = nextId++;
  return {
    dedupeKey: `process:paid:${deal}`,
    dealId: String(deal),
    dealNumber: `N-${deal}`,
    kind: "paid",
    status: "payed",
    email: null,
    gcUserId: null,
    amount: "2490.00",
    currency: "RUB",
    offer: "Intensive",
    occurredAt: new Date(),
    ...overrides,
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

const deliveriesOf = (clientId: number) => db.delivery.findMany({ where: { sbClientId: String(clientId) } });
const callbacksOf = (clientId: number) =>
  sims.sbSim.state.client(clientId)?.history.filter((item) => item.messageFromOutside === 3) ?? [];

async function settled(clientId: number, status: "sent" | "dead") {
  await waitFor(async () => (await deliveriesOf(clientId)).some((d) => d.status === status));
  const [delivery] = await deliveriesOf(clientId);
  return delivery!;
}

describe("forwardOrderEvent", () => {
  test("a paid order of a linked user becomes one callback with the message and the order's variables", async () => {
    const c = await linkedCustomer();
    const event = orderEvent({ gcUserId: c.gcUserId });
    await forwardOrderEvent(event);

    const delivery = await settled(c.id, "sent");
    expect(delivery).toMatchObject({
      status: "sent",
      attempts: 1,
      lastError: null,
      kind: "order_paid",
      projectId: TEST_PROJECT_ID,
    });
    expect(delivery.sentAt).not.toBeNull();
    expect(callbacksOf(c.id).map((item) => item.text)).toEqual(["gc_order_paid"]);
    expect(sims.sbSim.state.variablesOf(c.id)).toMatchObject({
      gc_order_number: event.dealNumber,
      gc_order_amount: "2490.00",
      gc_order_offer: "Intensive",
      gc_order_currency: "RUB",
    });
  });

  test("finds the link by e-mail when the event has no GC user id", async () => {
    const c = await linkedCustomer();
    await forwardOrderEvent(orderEvent({ kind: "created", email: ` ${c.email.toUpperCase()} ` }));
    await settled(c.id, "sent");
    expect(callbacksOf(c.id).map((item) => item.text)).toEqual(["gc_order_created"]);
  });

  test("the same event forwarded twice, even at once, is one delivery and one callback", async () => {
    const c = await linkedCustomer();
    const event = orderEvent({ gcUserId: c.gcUserId });
    await Promise.all([forwardOrderEvent(event), forwardOrderEvent(event)]);
    await forwardOrderEvent(event);
    await settled(c.id, "sent");
    await sweepDueDeliveries({ graceSeconds: 0 });
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await deliveriesOf(c.id)).toHaveLength(1);
    expect(callbacksOf(c.id)).toHaveLength(1);
  });

  test("an order of a user who is not linked sends nothing and stores nothing", async () => {
    const callsBefore = sims.sbSim.calls.length;
    const before = await db.delivery.count();
    await forwardOrderEvent(orderEvent({ email: "stranger@school.test", gcUserId: "123456789" }));
    expect(await db.delivery.count()).toBe(before);
    expect(sims.sbSim.calls.length).toBe(callsBefore);
  });

  test("Salebot failing twice, then recovering: delivered on the third attempt", async () => {
    const c = await linkedCustomer();
    sims.sbSim.faults.add({ kind: "http_503", count: 2, pathPrefix: sims.sbSim.actionPath("callback") });
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId }));
    const delivery = await settled(c.id, "sent");
    expect(delivery.attempts).toBe(3);
    expect(delivery.lastError).toContain("503");
    expect(callbacksOf(c.id)).toHaveLength(1);
  });

  test("failing beyond maxAttempts is dead with the last error, without the API key; retry-now sends it", async () => {
    await saveForwardingSettings({ maxAttempts: 3 });
    const c = await linkedCustomer();
    sims.sbSim.faults.add({ kind: "http_503", pathPrefix: sims.sbSim.actionPath("callback") });
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId }));
    const dead = await settled(c.id, "dead");
    expect(dead).toMatchObject({ attempts: 3, maxAttempts: 3 });
    expect(dead.lastError).toContain("HTTP 503");
    expect(dead.lastError).not.toContain(sims.sbSim.apiKey);
    expect(callbacksOf(c.id)).toHaveLength(0);

    sims.sbSim.faults.clear();
    expect(await retryDeliveryNow(dead.id)).toBe(true);
    const sent = await settled(c.id, "sent");
    expect(sent.attempts).toBe(1);
    expect(callbacksOf(c.id)).toHaveLength(1);
    expect(await retryDeliveryNow(dead.id)).toBe(false);
  });

  test("retryAllDead revives every dead delivery", async () => {
    await saveForwardingSettings({ maxAttempts: 1 });
    const a = await linkedCustomer();
    const b = await linkedCustomer();
    sims.sbSim.faults.add({ kind: "http_503", pathPrefix: sims.sbSim.actionPath("callback") });
    await forwardOrderEvent(orderEvent({ gcUserId: a.gcUserId }));
    await forwardOrderEvent(orderEvent({ gcUserId: b.gcUserId }));
    await settled(a.id, "dead");
    await settled(b.id, "dead");
    sims.sbSim.faults.clear();
    expect(await retryAllDead()).toBeGreaterThanOrEqual(2);
    await settled(a.id, "sent");
    await settled(b.id, "sent");
  });

  test("a client Salebot does not know is dead at once: retrying cannot help", async () => {
    const c = await linkedCustomer();
    sims.sbSim.state.removeClient(c.id);
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId }));
    const dead = await settled(c.id, "dead");
    expect(dead.attempts).toBe(1);
    expect(dead.lastError).toMatch(/client_not_found/);
  });

  test("a kind switched off in the settings is not forwarded; others still are", async () => {
    await saveForwardingSettings({ events: { paid: { enabled: false }, status_changed: { message: "order_moved" } } });
    const c = await linkedCustomer();
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId, kind: "paid" }));
    expect(await deliveriesOf(c.id)).toHaveLength(0);
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId, kind: "status_changed", dedupeKey: "x:status:1" }));
    await settled(c.id, "sent");
    expect(callbacksOf(c.id).map((item) => item.text)).toEqual(["order_moved"]);
  });

  test("tg_callback mode addresses the Telegram id through the bot username", async () => {
    await saveForwardingSettings({ method: "tg_callback", botUsername: "hub_demo_bot" });
    const c = await linkedCustomer();
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId }));
    await settled(c.id, "sent");
    const call = sims.sbSim.calls.find(
      (request) => request.path.endsWith("/tg_callback") && request.rawBody.includes(c.telegramId),
    );
    expect(call).toBeDefined();
    expect(JSON.parse(call!.rawBody)).toMatchObject({
      user_id: c.telegramId,
      group_id: "hub_demo_bot",
      message: "gc_order_paid",
    });
    expect(callbacksOf(c.id).map((item) => item.text)).toEqual(["gc_order_paid"]);
  });

  test("tg_callback mode falls back to callback for a client linked without a Telegram id", async () => {
    await saveForwardingSettings({ method: "tg_callback", botUsername: "hub_demo_bot" });
    const c = await linkedCustomer({ telegram: false });
    await forwardOrderEvent(orderEvent({ gcUserId: c.gcUserId }));
    await settled(c.id, "sent");
    expect(callbacksOf(c.id)).toHaveLength(1);
  });
});

describe("the delivery queue", () => {
  test("two runs of the same delivery at once send it once", async () => {
    const c = await linkedCustomer();
    sims.sbSim.faults.add({ kind: "latency", delayMs: 300, count: 1, pathPrefix: sims.sbSim.actionPath("callback") });
    const row = await db.delivery.create({
      data: {
        idempotencyKey: `manual:${c.id}`,
        projectId: TEST_PROJECT_ID,
        sbClientId: String(c.id),
        kind: "order_paid",
        payload: { method: "callback", message: "gc_order_paid", variables: {} },
      },
    });
    const results = await Promise.all([runDelivery(row.id), runDelivery(row.id)]);
    expect(results.sort()).toEqual(["sent", "skipped"]);
    expect(await runDelivery(row.id)).toBe("skipped");
    expect(callbacksOf(c.id)).toHaveLength(1);
  });

  test("the sweep queues a pending delivery whose job was lost", async () => {
    const c = await linkedCustomer();
    await db.delivery.create({
      data: {
        idempotencyKey: `lost:${c.id}`,
        projectId: TEST_PROJECT_ID,
        sbClientId: String(c.id),
        kind: "order_paid",
        payload: { method: "callback", message: "gc_order_paid", variables: {} },
        nextAttemptAt: new Date(Date.now() - 5 * 60_000),
      },
    });
    expect(await sweepDueDeliveries()).toBeGreaterThanOrEqual(1);
    await settled(c.id, "sent");
  });
});

describe("order details only to proven links", () => {
  test("a chat linked by someone typing a stranger's e-mail gets the notice without amount or offer; a proven one gets all", async () => {
    await saveForwardingSettings({ orderDetailsOnlyToProvenLinks: true });
    const intruder = await linkedCustomer();
    const owner = await linkedCustomer();
    await db.link.update({
      where: { projectId_sbClientId: { projectId: TEST_PROJECT_ID, sbClientId: String(owner.id) } },
      data: { proof: "email_code", provenAt: new Date() },
    });

    await forwardOrderEvent(orderEvent({ gcUserId: intruder.gcUserId }));
    await forwardOrderEvent(orderEvent({ gcUserId: owner.gcUserId }));
    const [hidden] = await deliveriesOf(intruder.id);
    const [shown] = await deliveriesOf(owner.id);
    expect(hidden?.payload).toMatchObject({
      method: "callback",
      message: "gc_order_paid",
      variables: { gc_order_amount: "", gc_order_currency: "", gc_order_offer: "", gc_order_status: "payed" },
    });
    expect(JSON.stringify(hidden?.payload)).not.toMatch(/2490|Intensive/);
    expect(shown?.payload).toMatchObject({ variables: { gc_order_amount: "2490.00", gc_order_offer: "Intensive" } });
  });
});
