import { describe, expect, test } from "vitest";
import type { NormalisedOrderEvent } from "./order-event";
import { parseGetCourseCall } from "./getcourse-parse";

const options = { receivedAt: new Date("2026-02-01T10:00:00Z"), timeZone: "Europe/Moscow" };

function event(query: Record<string, string>, body: unknown = undefined): NormalisedOrderEvent {
  const parsed = parseGetCourseCall({ query, body }, options);
  if (parsed.kind !== "event") throw new Error(`ignored: ${parsed.reason}`);
  return parsed.event;
}

const techPaid = {
  ts: "2026-01-15T12:00:00Z",
  ts64: 1768467600,
  eventType: "getcourse/dealPaid",
  gcAccountId: 384201,
  gcSessionId: null,
  gcVisitorId: null,
  user: { id: "384201:512478330", cuid: null, gcId: 512478330, type: "Real", email: "Test@Example.com" },
  deal: {
    id: "871035642",
    number: 11892043,
    status: "payed",
    isPayed: 0,
    cost: 14900,
    payedValue: 14900,
    currency: "RUB",
    offerIds: [8571204],
    createdAt: "2026-01-15T09:00:00Z",
    clientDealNumber: 1,
  },
};

describe("process «Вызвать URL»", () => {
  test("the Settings page URL, as GetCourse fills it in", () => {
    const e = event({
      token: "secret",
      event: "paid",
      deal_id: "870001",
      deal_number: "10001",
      email: "Buyer@School.test",
      user_id: "500001",
      status: "payed",
      cost: "1500",
      paid: "1 500 руб.",
      offer: "Курс",
      utm_source: "vk",
    });
    expect(e).toMatchObject({
      source: "process",
      kind: "paid",
      dealId: "870001",
      dealNumber: "10001",
      email: "buyer@school.test",
      gcUserId: "500001",
      status: "payed",
      costAmount: "1500.00",
      paidAmount: "1500.00",
      currency: "RUB",
      offer: "Курс",
      utm: { source: "vk", medium: null },
      occurredAt: options.receivedAt,
    });
    expect(e.payload).not.toHaveProperty("token");
  });

  test("placeholders left as typed and empty values are missing, not errors", () => {
    const e = event({
      deal_id: "870002",
      email: "{object.user.email}",
      cost: "",
      paid: "{object.payed_money}",
      status: "",
    });
    expect(e).toMatchObject({
      email: null,
      costAmount: null,
      paidAmount: null,
      status: null,
      kind: "status_changed",
      currency: null,
    });
  });

  test("a status change into a paid status is a payment; Russian titles become codes", () => {
    expect(event({ event: "status_changed", deal_id: "1", status: "Частично оплачен" })).toMatchObject({
      kind: "paid",
      status: "part_payed",
    });
    expect(event({ event: "status_changed", deal_id: "1", status: "Отменен" })).toMatchObject({
      kind: "status_changed",
      status: "cancelled",
    });
  });

  test("the body wins over the query; form and JSON bodies read the same", () => {
    const e = event({ deal_id: "1", status: "new" }, { status: "in_work", created_at: "2026-01-15 12:00:00" });
    expect(e).toMatchObject({ status: "in_work", dealCreatedAt: new Date("2026-01-15T09:00:00Z") });
  });

  test("alias names and a yes/no paid flag", () => {
    const e = event({ id: "77", number: "5", payed_money: "10,50", cost_money_value: "20", is_paid: "1" });
    expect(e).toMatchObject({
      dealId: "77",
      dealNumber: "5",
      paidAmount: "10.50",
      costAmount: "20.00",
      paidFlag: true,
    });
    expect(event({ deal_id: "77", paid: "true" })).toMatchObject({ paidFlag: true, paidAmount: null });
  });

  test.each([
    [{ email: "a@b.ru" }, "no deal id"],
    [{ deal_id: "{object.id}" }, "no deal id"],
    [{ deal_id: "abc" }, "deal id «abc»"],
  ])("without a readable deal id %j is unreadable, not refused", (query, detail) => {
    const parsed = parseGetCourseCall({ query, body: undefined }, options);
    expect(parsed).toMatchObject({ kind: "unreadable", reason: "no_deal_id" });
    expect(parsed.kind === "unreadable" && parsed.detail).toContain(detail);
  });

  test.each([
    [{ deal_id: "1", email: "not-an-email" }, "email left out"],
    [{ deal_id: "1", cost: "бесплатно" }, "cost left out"],
  ])("a value that cannot be read %j is left out and noted", (query, note) => {
    const e = event(query);
    expect(e.dealId).toBe("1");
    expect(e.inferred?.join("; ")).toContain(note);
  });

  test.each([
    [
      { deal_id: "1", event: "exploded", status: "payed" },
      "paid",
      "event «exploded» not recognised; read as paid from status payed",
    ],
    [{ deal_id: "1", status: "part_payed" }, "paid", "no event named; read as paid from status part_payed"],
    [{ deal_id: "1", paid: "1 500 руб." }, "paid", "no event named; read as paid from the amount paid"],
    [{ deal_id: "1", is_paid: "1" }, "paid", "no event named; read as paid from the paid flag"],
    [
      { deal_id: "1", event: "imported", status: "new" },
      "status_changed",
      "event «imported» not recognised; read as a status change",
    ],
  ])("an unknown or missing event %j gets its meaning from what it carries", (query, kind, note) => {
    const e = event(query);
    expect(e.kind).toBe(kind);
    expect(e.inferred).toContain(note);
  });

  test("events named the ways templates write them need no guess", () => {
    for (const [name, kind] of [
      ["getcourse/dealPaid", "paid"],
      ["dealPaid", "paid"],
      ["Оплачен", "paid"],
      ["order_created", "created"],
      ["deal_status_changed", "status_changed"],
    ]) {
      expect(event({ deal_id: "1", event: name ?? "" })).toMatchObject({ kind, inferred: [] });
    }
  });

  test("a body that is not an object: read from the URL, else unreadable", () => {
    expect(parseGetCourseCall({ query: {}, body: [1, 2] }, options)).toMatchObject({
      kind: "unreadable",
      reason: "not_an_object",
    });
    expect(event({ deal_id: "5", event: "paid" }, [1, 2])).toMatchObject({ dealId: "5", kind: "paid" });
  });
});

describe("Tech API webhooks", () => {
  test("dealPaid: ids, amounts, creation time from deal.createdAt, paid even with isPayed 0", () => {
    const e = event({}, { ...techPaid, ts64: 1768470000 });
    expect(e).toMatchObject({
      source: "tech",
      kind: "paid",
      dealId: "871035642",
      dealNumber: "11892043",
      gcUserId: "512478330",
      email: "test@example.com",
      status: "payed",
      paidFlag: false,
      costAmount: "14900.00",
      paidAmount: "14900.00",
      currency: "RUB",
      offer: "8571204",
      dealCreatedAt: new Date("2026-01-15T09:00:00Z"),
      occurredAt: options.receivedAt,
    });
  });

  test("offer ids that are not text are left out instead of failing the call", () => {
    const deal = { ...techPaid.deal, offerIds: [8571204, { toString: 1 }, null, "8571205"] };
    expect(event({}, { ...techPaid, deal })).toMatchObject({ offer: "8571204,8571205" });
  });

  test("an e-mail longer than mail allows is left out, the payment kept", () => {
    const user = { ...techPaid.user, email: `${"a".repeat(300)}@example.com` };
    expect(event({}, { ...techPaid, user })).toMatchObject({
      email: null,
      kind: "paid",
      inferred: ["email left out: not an e-mail address"],
    });
  });

  test("wrapped as {json: …}, also as a JSON string", () => {
    expect(event({}, { json: techPaid })).toMatchObject({ source: "tech", dealId: "871035642" });
    expect(event({}, { json: JSON.stringify(techPaid) })).toMatchObject({ source: "tech", dealId: "871035642" });
  });

  test("dealStatusChanged with the payment's body is the same paid event", () => {
    const paired = event({}, { ...techPaid, eventType: "getcourse/dealStatusChanged" });
    expect(paired.kind).toBe("paid");
  });

  test("dealCreated happened at deal.createdAt; at ts64 only when the deal has none", () => {
    const deal = { ...techPaid.deal, status: "new", payedValue: 0 };
    const created = event({}, { ...techPaid, eventType: "getcourse/dealCreated", ts64: 1768470000, deal });
    expect(created).toMatchObject({ kind: "created", occurredAt: new Date("2026-01-15T09:00:00Z"), status: "new" });
    const { createdAt: _createdAt, ...withoutCreatedAt } = deal;
    const fallback = event(
      {},
      { ...techPaid, eventType: "getcourse/dealCreated", ts64: 1768470000, deal: withoutCreatedAt },
    );
    expect(fallback.dealCreatedAt).toEqual(new Date(1768470000 * 1000));
  });

  test("events that are not about deals are ignored", () => {
    expect(parseGetCourseCall({ query: {}, body: { eventType: "getcourse/lessonAnswerCreated" } }, options)).toEqual({
      kind: "ignored",
      reason: "not a deal event: getcourse/lessonAnswerCreated",
    });
  });

  test("a deal event without a deal is unreadable, not refused", () => {
    expect(
      parseGetCourseCall({ query: {}, body: { eventType: "getcourse/dealPaid", deal: null } }, options),
    ).toMatchObject({ kind: "unreadable", reason: "no_deal_id" });
  });

  test("a body with a deal but an unknown or missing eventType is read as a deal event", () => {
    const { eventType: _eventType, ...bare } = techPaid;
    expect(event({}, bare)).toMatchObject({
      source: "tech",
      kind: "paid",
      inferred: ["no event named; read as paid from status payed"],
    });
  });
});
