import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startGetCourseSimulator, type GetCourseSimulator } from "./simulator";
import { startReceiver } from "@/lib/testing/getcourse-simulator-client";

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const HUB_TEMPLATE =
  "/api/webhooks/getcourse?token=t1&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}" +
  "&user_id={object.user.id}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}" +
  "&offer={object.positions}&utm={object.deal_utm_source}&sb={object.user.sb_1_id}&at={object.created_at format='Y-m-d'}&x={object.nonsense}";

describe("simulator: calls GetCourse makes to the hub", () => {
  let sim: GetCourseSimulator;
  let receiver: Receiver;
  beforeEach(async () => {
    sim = await startGetCourseSimulator();
    receiver = await startReceiver();
    sim.state.addField({ title: "sb_1_id" });
  });
  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  it("«Вызвать URL» GET substitutes order placeholders into the query", async () => {
    sim.configureProcessCallback({ urlTemplate: receiver.url + HUB_TEMPLATE, method: "GET", on: ["paid"] });
    const user = sim.state.addUser({ email: "anna+1@example.com", fields: { sb_1_id: "42" } });
    const deal = sim.state.addDeal({
      user: user.id,
      cost: 14900,
      productTitle: "Курс & бонус",
      createdAt: new Date("2026-01-15T09:00:00Z"),
      utm: { utm_source: "vk" },
    });
    sim.state.payDeal(deal.id);
    await sim.flushDeliveries();

    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request?.method).toBe("GET");
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({
      token: "t1",
      event: "paid",
      deal_id: String(deal.id),
      deal_number: deal.number,
      email: "anna+1@example.com",
      user_id: String(user.id),
      status: "payed",
      cost: "14900",
      paid: "14 900 руб.",
      offer: "Курс & бонус",
      utm: "vk",
      sb: "42",
      at: "2026-01-15",
      x: "",
    });
    expect(sim.deliveries[0]).toMatchObject({ channel: "process", event: "paid", status: 200 });
  });

  it("«Вызвать URL» POST sends a form or JSON body built from placeholders", async () => {
    sim.configureProcessCallback({
      urlTemplate: `${receiver.url}/form?deal={object.id}`,
      method: "POST",
      bodyType: "form",
      bodyTemplate: { email: "{object.user.email}", status: "{object.status}" },
      on: ["created"],
    });
    sim.addProcessCallback({
      urlTemplate: `${receiver.url}/json`,
      method: "POST",
      bodyType: "json",
      bodyTemplate: { number: "{object.number}", left: "{object.left_cost_money}" },
      headers: { "x-secret": "abc" },
      on: ["created"],
    });
    sim.behaviour.callbackStatusAs = "title";
    const deal = sim.state.addDeal({ user: "buyer@example.com", cost: 1990.5 });
    await sim.flushDeliveries();

    const [form, json] = receiver.received;
    expect(form?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(new URLSearchParams(form?.body))).toEqual({
      email: "buyer@example.com",
      status: "Новый",
    });
    expect(form?.url.searchParams.get("deal")).toBe(String(deal.id));
    expect(json?.headers["content-type"]).toBe("application/json");
    expect(json?.headers["x-secret"]).toBe("abc");
    expect(JSON.parse(json?.body ?? "")).toEqual({ number: deal.number, left: "1 990,50 руб." });
  });

  it("a payment fires dealPaid and dealStatusChanged with the same body, optionally wrapped in {json}", async () => {
    sim.configureTechWebhook({ url: `${receiver.url}/tech`, wrapInJson: true });
    const deal = sim.state.addDeal({ user: "buyer@example.com", cost: 100, offerId: "8571204" });
    sim.state.payDeal(deal.id);
    await sim.flushDeliveries();

    const bodies = receiver.received.map((request) => JSON.parse(request.body) as { json: Record<string, unknown> });
    expect(bodies.map((body) => body.json.eventType)).toEqual([
      "getcourse/dealCreated",
      "getcourse/dealPaid",
      "getcourse/dealStatusChanged",
    ]);
    const [created, paid, changed] = bodies.map((body) => body.json);
    expect(created?.deal).toMatchObject({ clientDealNumber: "1", status: "new", isPayed: false });
    expect(paid?.deal).toEqual(changed?.deal);
    expect(paid?.user).toEqual(changed?.user);
    expect(paid?.deal).toMatchObject({
      id: String(deal.id),
      status: "payed",
      isPayed: true,
      cost: 100,
      payedValue: 100,
      offerIds: [8571204],
    });
  });

  it("live deliveries (the default) are wrapped in {json} and carry ts as local creation time with a Z", async () => {
    sim.configureTechWebhook({ url: `${receiver.url}/tech` });
    const createdAt = new Date("2026-01-15T09:00:00Z");
    const deal = sim.state.addDeal({ user: "buyer@example.com", cost: 100, createdAt }, { silent: true });
    sim.state.payDeal(deal.id);
    await sim.flushDeliveries();
    const bodies = receiver.received.map(
      (request) =>
        JSON.parse(request.body) as {
          json: { eventType: string; ts: string; ts64: number; deal: Record<string, unknown> };
        },
    );
    expect(bodies.map((body) => body.json.eventType)).toEqual(["getcourse/dealPaid", "getcourse/dealStatusChanged"]);
    expect(bodies[0]?.json).toMatchObject({
      ts: "2026-01-15T12:00:00Z",
      ts64: createdAt.getTime() / 1000,
      deal: { createdAt: "2026-01-15T09:00:00Z" },
    });
    expect(bodies[1]?.json.ts).toBe(bodies[0]?.json.ts);
  });

  it("a part payment fires only dealStatusChanged; isPayed may come as 0/1 (published shape: bare, ts in UTC)", async () => {
    sim.behaviour.techDeliveryShape = "published";
    sim.configureTechWebhook({ url: `${receiver.url}/tech` });
    sim.behaviour.webhookIsPayedAs = "number";
    const deal = sim.state.addDeal({ user: "buyer@example.com", cost: 100 }, { silent: true });
    sim.state.payDeal(deal.id, 40);
    await sim.flushDeliveries();
    const events = receiver.received.map(
      (request) => JSON.parse(request.body) as { eventType: string; deal: { isPayed: unknown; status: string } },
    );
    expect(events.map((event) => event.eventType)).toEqual(["getcourse/dealStatusChanged"]);
    expect(events[0]?.deal).toMatchObject({ status: "part_payed", isPayed: 0, clientDealNumber: 1 });
    expect((events[0] as unknown as { ts: string }).ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it("set-uri over the Tech API subscribes, and an import that pays a deal fires the webhook", async () => {
    const response = await fetch(`${sim.url}/pl/api/v1/set-uri`, {
      method: "POST",
      headers: { authorization: `Bearer ${sim.techToken}`, "content-type": "application/json" },
      body: JSON.stringify({ uri: `${receiver.url}/paid`, event_object_id: 2, event_id: 3 }),
    });
    expect(await response.json()).toMatchObject({ status: true, message: "Успешно" });

    const { createGetCourseClient } = await import("@/lib/getcourse/client");
    const client = createGetCourseClient({ accountUrl: sim.url, apiKey: sim.apiKey, techToken: sim.techToken });
    await client.importDeal({
      user: { email: "c@example.com" },
      deal: { offer_code: "x", deal_cost: 50, deal_status: "payed" },
    });
    await sim.flushDeliveries();
    expect(
      receiver.received.map((request) => (JSON.parse(request.body) as { json: { eventType: string } }).json.eventType),
    ).toEqual(["getcourse/dealPaid"]);
  });

  it("records a failed delivery without retrying", async () => {
    sim.configureProcessCallback({ urlTemplate: "http://127.0.0.1:9/unreachable?d={object.id}" });
    sim.state.addDeal({ user: "buyer@example.com", cost: 1 });
    await sim.flushDeliveries();
    expect(sim.deliveries).toHaveLength(1);
    expect(sim.deliveries[0]?.status).toBeUndefined();
    expect(sim.deliveries[0]?.error).toBeTruthy();
  });
});
