import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { GET, POST } from "@/app/api/webhooks/getcourse/route";
import { db } from "@/lib/db";
import { startGetCourseSimulator, type GetCourseSimulator } from "@/lib/simulators/getcourse/simulator";
import { TEST_GETCOURSE_WEBHOOK_TOKEN } from "@/lib/testing/database-per-file";
import { type Forwarder, forwardPendingOrderEvents } from "./getcourse-ingest";
import { storeOrderEvent } from "./getcourse-store";
import { acceptGetCourseCall } from "./getcourse-webhook";
import type { NormalisedOrderEvent, OrderEventForForwarding } from "./order-event";

// Forwarding is helper-6's; here only what reaches it matters, and that its failure is survived.
const forwarding = vi.hoisted(() => ({ calls: [] as OrderEventForForwarding[], fail: false }));
vi.mock("@/lib/forwarding/forward-order", () => ({
  forwardOrderEvent: async (event: OrderEventForForwarding) => {
    forwarding.calls.push(event);
    if (forwarding.fail) throw new Error("salebot side exploded");
  },
}));

const BASE = "http://hub.test/api/webhooks/getcourse";
let nextDeal = 900_001;
const dealId = () => String(nextDeal++);

function get(params: Record<string, string>, token: string | null = TEST_GETCOURSE_WEBHOOK_TOKEN) {
  const query = new URLSearchParams({ ...(token ? { token } : {}), ...params });
  return GET(new Request(`${BASE}?${query}`));
}

function post(body: unknown, init: { form?: boolean; token?: string | null; query?: Record<string, string> } = {}) {
  const token = init.token === undefined ? TEST_GETCOURSE_WEBHOOK_TOKEN : init.token;
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const query = init.query ? `?${new URLSearchParams(init.query)}` : "";
  if (init.form) headers["content-type"] = "application/x-www-form-urlencoded";
  else headers["content-type"] = "application/json";
  const payload = init.form
    ? new URLSearchParams(body as Record<string, string>).toString()
    : typeof body === "string"
      ? body
      : JSON.stringify(body);
  return POST(new Request(`${BASE}${query}`, { method: "POST", headers, body: payload }));
}

async function json(response: Response | Promise<Response>) {
  const r = await response;
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

const order = (id: string) => db.gcOrder.findUnique({ where: { dealId: id } });
const events = (id: string) => db.gcOrderEvent.findMany({ where: { dealId: id }, orderBy: { id: "asc" } });

function techBody(eventType: string, id: string, deal: Record<string, unknown> = {}) {
  return {
    ts: "2026-01-15T12:00:00Z",
    ts64: 1768467600,
    eventType,
    gcAccountId: 384201,
    gcSessionId: null,
    gcVisitorId: null,
    user: { id: "384201:512478330", cuid: null, gcId: 512478330, type: "Real", email: "tech@example.com" },
    deal: {
      id,
      number: 11892043,
      status: "payed",
      isPayed: true,
      cost: 14900,
      payedValue: 14900,
      currency: "RUB",
      offerIds: [8571204],
      createdAt: "2026-01-15T09:00:00Z",
      clientDealNumber: 1,
      ...deal,
    },
  };
}

beforeEach(() => {
  forwarding.calls.length = 0;
  forwarding.fail = false;
});

describe("callers", () => {
  test("GET with the URL the Settings page offers", async () => {
    const id = dealId();
    const answer = await json(
      get({
        event: "paid",
        deal_id: id,
        deal_number: "10001",
        email: "Buyer@School.test",
        user_id: "500001",
        status: "payed",
        cost: "1500",
        paid: "1 500 руб.",
        offer: "Курс по продажам",
        utm_source: "vk",
        utm_campaign: "spring",
      }),
    );
    expect(answer).toEqual({
      status: 200,
      body: { success: true, stored: true, duplicate: false, dealId: id, kind: "paid" },
    });
    const stored = await order(id);
    expect(stored).toMatchObject({
      dealNumber: "10001",
      email: "buyer@school.test",
      gcUserId: "500001",
      status: "payed",
      paid: true,
      currency: "RUB",
      offer: "Курс по продажам",
      utmSource: "vk",
      utmCampaign: "spring",
    });
    expect(stored?.paidAmount?.toFixed(2)).toBe("1500.00");
    expect(stored?.costAmount?.toFixed(2)).toBe("1500.00");
    expect(stored?.paidAt).toBeInstanceOf(Date);
    const rows = await events(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).not.toHaveProperty("token");
    expect(forwarding.calls).toEqual([
      expect.objectContaining({
        dealId: id,
        kind: "paid",
        amount: "1500.00",
        currency: "RUB",
        email: "buyer@school.test",
        dealNumber: "10001",
      }),
    ]);
  });

  test("POST form, with the token in the query", async () => {
    const id = dealId();
    const answer = await json(
      post(
        { event: "created", deal_id: id, status: "new", cost: "990" },
        { form: true, token: null, query: { token: TEST_GETCOURSE_WEBHOOK_TOKEN } },
      ),
    );
    expect(answer.status).toBe(200);
    expect(await order(id)).toMatchObject({ status: "new", paid: false });
  });

  test("POST JSON from a process", async () => {
    const id = dealId();
    const answer = await json(
      post({ event: "status_changed", deal_id: id, status: "in_work", cost: "12 000,00", currency: "usd" }),
    );
    expect(answer.status).toBe(200);
    const stored = await order(id);
    expect(stored).toMatchObject({ status: "in_work", paid: false, currency: "USD" });
    expect(stored?.costAmount?.toFixed(2)).toBe("12000.00");
  });

  test("Tech API JSON and the {json: …} wrapper", async () => {
    const plain = dealId();
    const wrapped = dealId();
    expect((await json(post(techBody("getcourse/dealPaid", plain)))).status).toBe(200);
    expect((await json(post({ json: techBody("getcourse/dealPaid", wrapped) }))).status).toBe(200);
    for (const id of [plain, wrapped]) {
      const stored = await order(id);
      expect(stored).toMatchObject({
        status: "payed",
        paid: true,
        email: "tech@example.com",
        gcUserId: "512478330",
        orderedAt: new Date(1768467600 * 1000),
      });
      expect(stored?.paidAmount?.toFixed(2)).toBe("14900.00");
    }
  });

  test("a Tech API event that is not about deals is answered and ignored", async () => {
    const before = await db.gcOrderEvent.count();
    const answer = await json(post({ eventType: "getcourse/lessonAnswerCreated", answer: { id: 1 } }));
    expect(answer).toMatchObject({ status: 200, body: { success: true, stored: false } });
    expect(await db.gcOrderEvent.count()).toBe(before);
  });
});

describe("rejections", () => {
  test("no token or a wrong one is 401 and stores nothing", async () => {
    const id = dealId();
    expect((await get({ deal_id: id }, null)).status).toBe(401);
    expect((await get({ deal_id: id }, "wrong-token-0123456789")).status).toBe(401);
    expect((await post({ deal_id: id }, { token: null })).status).toBe(401);
    expect(await order(id)).toBeNull();
  });
});

describe("shapes the hub cannot fully read: never refused", () => {
  const unreadable = () => db.gcUnreadableCall.findMany({ orderBy: { id: "asc" } });

  test("without a deal id, or with a body that is no JSON or form, the call is kept raw and answered 200", async () => {
    const before = {
      orders: await db.gcOrder.count(),
      events: await db.gcOrderEvent.count(),
      kept: (await unreadable()).length,
    };
    const missing = await json(get({ event: "paid", deal_id: "{object.id}", email: "raw@school.test" }));
    expect(missing).toMatchObject({
      status: 200,
      body: { success: true, stored: true, recognised: false, reason: "no_deal_id" },
    });
    expect((await json(post("{not json"))).body).toMatchObject({ recognised: false, reason: "unreadable_body" });
    expect((await json(post([1, 2, 3]))).body).toMatchObject({ recognised: false, reason: "not_an_object" });
    expect((await json(post({ eventType: "getcourse/dealPaid", deal: { id: "x" } }))).body).toMatchObject({
      recognised: false,
      reason: "no_deal_id",
    });
    expect({ orders: await db.gcOrder.count(), events: await db.gcOrderEvent.count() }).toEqual({
      orders: before.orders,
      events: before.events,
    });
    const kept = (await unreadable()).slice(before.kept);
    expect(kept.map((row) => [row.method, row.reason])).toEqual([
      ["GET", "no_deal_id"],
      ["POST", "unreadable_body"],
      ["POST", "not_an_object"],
      ["POST", "no_deal_id"],
    ]);
    // The token is never kept; the rest is, as it came.
    expect(kept[0]?.query).toMatchObject({
      token: "[redacted]",
      event: "paid",
      deal_id: "{object.id}",
      email: "raw@school.test",
    });
    expect(kept[1]?.body).toBe("{not json");
  });

  test("a value that cannot be read is left out and the payment stored, noted as inferred", async () => {
    const id = dealId();
    const answer = await json(get({ deal_id: id, cost: "много", status: "payed", paid: "1 500,00 руб." }));
    expect(answer).toMatchObject({ status: 200, body: { stored: true, kind: "paid" } });
    const [row] = await events(id);
    expect(row?.inferred).toEqual([
      "no event named; read as paid from status payed",
      "cost left out: not an amount of money: много",
    ]);
    expect(await order(id)).toMatchObject({ paid: true, costAmount: null });
  });

  test("a form body sent without its content type is read as a form", async () => {
    const id = dealId();
    const response = await POST(
      new Request(`${BASE}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: `deal_id=${id}&status=payed&cost=100`,
      }),
    );
    expect(response.status).toBe(200);
    expect(await order(id)).toMatchObject({ paid: true });
  });
});

describe("idempotency and ordering", () => {
  test("the same event twice: one event row, one order, the payment counted once, forwarded once", async () => {
    const id = dealId();
    const call = { event: "paid", deal_id: id, status: "payed", cost: "1500", paid: "1500" };
    expect((await json(get(call))).body).toMatchObject({ stored: true, duplicate: false });
    expect((await json(get(call))).body).toMatchObject({ stored: false, duplicate: true });
    expect(await events(id)).toHaveLength(1);
    expect((await order(id))?.paidAmount?.toFixed(2)).toBe("1500.00");
    expect(forwarding.calls).toHaveLength(1);
  });

  test("dealPaid + dealStatusChanged for one payment are one event", async () => {
    const id = dealId();
    await post(
      techBody("getcourse/dealCreated", id, { status: "new", isPayed: false, payedValue: 0, clientDealNumber: "1" }),
    );
    await post(techBody("getcourse/dealPaid", id));
    await post({ json: techBody("getcourse/dealStatusChanged", id) });
    const rows = await events(id);
    expect(rows.map((row) => row.kind)).toEqual(["created", "paid"]);
    const stored = await order(id);
    expect(stored).toMatchObject({ status: "payed", paid: true });
    expect(stored?.paidAmount?.toFixed(2)).toBe("14900.00");
    expect(forwarding.calls.map((call) => call.kind)).toEqual(["created", "paid"]);
  });

  test("paid before created: one order, paid, created at its true time", async () => {
    const id = dealId();
    await post(techBody("getcourse/dealPaid", id));
    await post(techBody("getcourse/dealCreated", id, { status: "new", isPayed: false, payedValue: 0 }));
    const stored = await order(id);
    expect(stored).toMatchObject({ status: "payed", paid: true, orderedAt: new Date(1768467600 * 1000) });
    expect(await events(id)).toHaveLength(2);
  });

  test("process callbacks out of order (no times given) end the same way", async () => {
    const id = dealId();
    await get({ event: "paid", deal_id: id, status: "payed", cost: "700", paid: "700 руб." });
    await get({ event: "created", deal_id: id, status: "new", cost: "700", utm_source: "tg" });
    expect(await order(id)).toMatchObject({ status: "payed", paid: true, utmSource: "tg" });
  });

  test("a cancel or refund after payment leaves the order not paid", async () => {
    const cancelled = dealId();
    await get({ event: "paid", deal_id: cancelled, status: "payed", cost: "500", paid: "500" });
    await get({ event: "status_changed", deal_id: cancelled, status: "cancelled", cost: "500", paid: "500" });
    expect(await order(cancelled)).toMatchObject({ status: "cancelled", paid: false });

    const refunded = dealId();
    await post(techBody("getcourse/dealPaid", refunded));
    await post(techBody("getcourse/dealStatusChanged", refunded, { status: "waiting_for_return", isPayed: false }));
    await post(techBody("getcourse/dealStatusChanged", refunded, { status: "false", isPayed: false }));
    expect(await order(refunded)).toMatchObject({ status: "false", paid: false });
  });

  test("concurrent duplicate deliveries store one event and one order", async () => {
    const id = dealId();
    const body = techBody("getcourse/dealPaid", id);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => json(i % 2 ? post(body) : post({ json: body }))),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    expect(answers.filter((answer) => answer.body.stored === true)).toHaveLength(1);
    expect(await events(id)).toHaveLength(1);
    expect(await db.gcOrder.count({ where: { dealId: id } })).toBe(1);
    expect(forwarding.calls.filter((call) => call.dealId === id)).toHaveLength(1);
  });

  test("a forwarding failure is logged, and the webhook still answers 200 with the event stored", async () => {
    forwarding.fail = true;
    const id = dealId();
    const lines: string[] = [];
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      expect((await json(get({ event: "created", deal_id: id }))).status).toBe(200);
    } finally {
      stderr.mockRestore();
    }
    expect(await events(id)).toHaveLength(1);
    expect(lines.join("")).toContain("order event stored but not forwarded");
  });
});

describe("the GetCourse simulator calling the hub", () => {
  let sim: GetCourseSimulator;
  let hub: Server;
  let hubUrl: string;

  beforeAll(async () => {
    // A tiny HTTP front for the route handlers, so the simulator's real HTTP calls reach them.
    hub = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const method = req.method ?? "GET";
        const headers = new Headers(
          Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        );
        const request = new Request(`http://127.0.0.1${req.url ?? "/"}`, {
          method,
          headers,
          body: method === "GET" ? undefined : Buffer.concat(chunks),
        });
        void (method === "GET" ? GET(request) : POST(request)).then(async (response) => {
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(await response.text());
        });
      });
    });
    await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
    hubUrl = `http://127.0.0.1:${(hub.address() as AddressInfo).port}/api/webhooks/getcourse`;
    sim = await startGetCourseSimulator();
  });

  afterAll(async () => {
    await sim.close();
    await new Promise((resolve) => hub.close(resolve));
  });

  test("«Вызвать URL» with the Settings URL and Tech API webhooks (wrapped): one order, paid once", async () => {
    const template =
      `${hubUrl}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}` +
      `&user_id={object.user.id}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}&offer={object.positions}` +
      `&utm_source={object.deal_utm_source}&utm_medium={object.deal_utm_medium}`;
    sim.configureProcessCallback({ urlTemplate: template, on: ["paid"] });
    sim.addProcessCallback({
      urlTemplate: `${hubUrl}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}`,
      method: "POST",
      bodyType: "form",
      bodyTemplate: {
        event: "created",
        deal_id: "{object.id}",
        status: "{object.status}",
        cost: "{object.cost_money}",
        offer: "{object.positions}",
      },
      on: ["created"],
    });
    sim.configureTechWebhook({ url: `${hubUrl}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}`, wrapInJson: true });

    const deal = sim.state.addDeal({
      user: "sim-buyer@school.test",
      cost: 2500,
      productTitle: "Марафон",
      utm: { utm_source: "telegram" },
    });
    sim.state.payDeal(deal.id, 1000);
    sim.state.payDeal(deal.id);
    await sim.flushDeliveries();

    expect(sim.deliveries.length).toBeGreaterThanOrEqual(6);
    expect(sim.deliveries.filter((d) => d.status !== 200)).toEqual([]);
    const id = String(deal.id);
    const stored = await order(id);
    expect(stored).toMatchObject({
      status: "payed",
      paid: true,
      email: "sim-buyer@school.test",
      offer: "Марафон",
      utmSource: "telegram",
    });
    expect(stored?.paidAmount?.toFixed(2)).toBe("2500.00");
    expect(stored?.costAmount?.toFixed(2)).toBe("2500.00");
    // created once; the part payment and the full payment once each, however many callers said so.
    expect((await events(id)).map((row) => `${row.kind}:${row.status}:${row.paidAmount?.toFixed(2) ?? "-"}`)).toEqual([
      "created:new:-",
      "paid:part_payed:1000.00",
      "paid:payed:2500.00",
    ]);
    const revenue = await db.gcOrder.aggregate({ where: { dealId: id, paid: true }, _sum: { paidAmount: true } });
    expect(revenue._sum.paidAmount?.toFixed(2)).toBe("2500.00");
  });

  test.each(["live", "published"] as const)(
    "Tech API deliveries in the %s shape: one order, created at deal.createdAt, paid once",
    async (shape) => {
      sim.behaviour.techDeliveryShape = shape;
      sim.configureProcessCallback(null);
      sim.configureTechWebhook({ url: `${hubUrl}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}` });
      const createdAt = new Date("2026-01-10T07:30:00Z");
      const deal = sim.state.addDeal({ user: `${shape}-buyer@school.test`, cost: 990, createdAt });
      sim.state.payDeal(deal.id);
      await sim.flushDeliveries();
      sim.configureTechWebhook(null);
      sim.behaviour.techDeliveryShape = "live";

      const id = String(deal.id);
      expect(sim.deliveries.filter((d) => d.channel === "tech" && d.status !== 200)).toEqual([]);
      const stored = await order(id);
      expect(stored).toMatchObject({
        status: "payed",
        paid: true,
        orderedAt: createdAt,
        email: `${shape}-buyer@school.test`,
      });
      expect((await events(id)).map((row) => row.kind)).toEqual(["created", "paid"]);
    },
  );

  test("statuses as Russian titles from the process and a cancel", async () => {
    sim.behaviour.callbackStatusAs = "title";
    sim.configureTechWebhook(null);
    sim.configureProcessCallback({
      urlTemplate: `${hubUrl}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}&deal_id={object.id}&status={object.status}&paid={object.payed_money}&email={object.user.email}`,
    });
    const deal = sim.state.addDeal({ user: "title-buyer@school.test", cost: 300 });
    sim.state.payDeal(deal.id);
    sim.state.setDealStatus(deal.id, "cancelled");
    await sim.flushDeliveries();
    sim.behaviour.callbackStatusAs = "code";
    expect(await order(String(deal.id))).toMatchObject({
      status: "cancelled",
      paid: false,
      email: "title-buyer@school.test",
    });
  });
});

describe("forwarding that did not complete", () => {
  test("an event stored but never forwarded is forwarded by the sweep, once", async () => {
    const forwarded: string[] = [];
    const failing: Forwarder = async () => {
      throw new Error("process died here");
    };
    const answer = await acceptGetCourseCall(
      {
        query: {
          event: "paid",
          deal_id: "880001",
          email: "sweep@school.test",
          status: "payed",
          cost: "1000",
          paid: "1000",
        },
        body: undefined,
        requestId: "r-sweep",
      },
      { forward: failing },
    );
    expect(answer).toMatchObject({ stored: true });
    const later = new Date(Date.now() + 120_000);
    const record: Forwarder = async (event) => {
      forwarded.push(event.dealId);
    };
    await forwardPendingOrderEvents({ forward: record, now: later });
    await forwardPendingOrderEvents({ forward: record, now: later });
    expect(forwarded.filter((dealId) => dealId === "880001")).toEqual(["880001"]);
  });

  test("imported history is never forwarded", async () => {
    await storeOrderEvent({ ...baseEvent("880002"), source: "export", kind: "imported" });
    const forwarded: string[] = [];
    await forwardPendingOrderEvents({
      forward: async (event) => void forwarded.push(event.dealId),
      now: new Date(Date.now() + 120_000),
    });
    expect(forwarded).not.toContain("880002");
    expect((await db.gcOrderEvent.findFirstOrThrow({ where: { dealId: "880002" } })).forwarding).toBeNull();
  });
});

function baseEvent(dealId: string): NormalisedOrderEvent {
  return {
    source: "process",
    kind: "paid",
    dealId,
    dealNumber: null,
    gcUserId: null,
    email: "history@school.test",
    status: "payed",
    paidFlag: true,
    costAmount: "100.00",
    paidAmount: "100.00",
    currency: "RUB",
    offer: null,
    utm: { source: null, medium: null, campaign: null, content: null, term: null },
    dealCreatedAt: null,
    occurredAt: new Date(),
    payload: {},
  };
}
