import { describe, expect, test } from "vitest";
import type { NormalisedOrderEvent } from "./order-event";
import { applyEvent, dedupeKeyOf, forwardingEventOf, paidAfter, reportedPaidAmount } from "./getcourse-order-state";

const T0 = new Date("2026-01-15T09:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function ev(overrides: Partial<NormalisedOrderEvent>): NormalisedOrderEvent {
  return {
    source: "tech",
    kind: "status_changed",
    dealId: "1",
    dealNumber: "10",
    gcUserId: "5",
    email: "a@b.ru",
    status: null,
    paidFlag: null,
    costAmount: "1500.00",
    paidAmount: null,
    currency: null,
    offer: "Курс",
    utm: { source: null, medium: null, campaign: null, content: null, term: null },
    dealCreatedAt: T0,
    occurredAt: at(1),
    payload: {},
    ...overrides,
  };
}

describe("paidAfter", () => {
  test.each([
    [{ kind: "paid", status: "payed", paidFlag: false }, true],
    [{ kind: "status_changed", status: "part_payed", paidFlag: null }, true],
    [{ kind: "paid", status: null, paidFlag: null }, true],
    [{ kind: "status_changed", status: "cancelled", paidFlag: true }, false],
    [{ kind: "paid", status: "false", paidFlag: true }, false],
    [{ kind: "status_changed", status: "waiting_for_return", paidFlag: null }, false],
    [{ kind: "status_changed", status: "in_work", paidFlag: true }, true],
    [{ kind: "status_changed", status: "new", paidFlag: null }, null],
  ] as const)("%j → %j", (event, expected) => {
    expect(paidAfter(event)).toBe(expected);
  });
});

describe("dedupeKeyOf", () => {
  test("the dealPaid + dealStatusChanged pair and the process callback of one payment share a key", () => {
    const techPaid = ev({ kind: "paid", status: "payed", paidAmount: "1500.00" });
    const processPaid = ev({ source: "process", kind: "paid", status: "payed", paidAmount: null, occurredAt: at(9) });
    expect(dedupeKeyOf(techPaid)).toBe(dedupeKeyOf(processPaid));
  });

  test("a deal is created once; a part payment and the final payment differ", () => {
    expect(dedupeKeyOf(ev({ kind: "created", status: "new" }))).toBe(
      dedupeKeyOf(ev({ kind: "created", status: null, source: "process" })),
    );
    expect(dedupeKeyOf(ev({ kind: "paid", status: "part_payed", paidAmount: "500.00" }))).not.toBe(
      dedupeKeyOf(ev({ kind: "paid", status: "payed", paidAmount: "1500.00" })),
    );
  });
});

describe("applyEvent", () => {
  test("a paid event without an amount paid the cost; a part payment without one is unknown", () => {
    expect(reportedPaidAmount(ev({ kind: "paid", status: "payed" }))).toBe("1500.00");
    expect(reportedPaidAmount(ev({ kind: "paid", status: "part_payed" }))).toBeNull();
  });

  test("created then paid", () => {
    const created = applyEvent(null, ev({ kind: "created", status: "new", occurredAt: T0 }), false);
    expect(created).toMatchObject({
      status: "new",
      paid: false,
      paidAmount: null,
      orderedAt: T0,
      statusAt: T0,
      currency: "RUB",
    });
    const paid = applyEvent(
      created,
      ev({ kind: "paid", status: "payed", paidAmount: "1500.00", occurredAt: at(5) }),
      false,
    );
    expect(paid).toMatchObject({
      status: "payed",
      paid: true,
      paidAmount: "1500.00",
      paidAt: at(5),
      statusAt: at(5),
      orderedAt: T0,
    });
  });

  test("paid before created: the late creation does not set the status back", () => {
    const paid = applyEvent(
      null,
      ev({ kind: "paid", status: "payed", paidAmount: "1500.00", occurredAt: at(5) }),
      false,
    );
    const late = applyEvent(
      paid,
      ev({ kind: "created", status: "new", occurredAt: at(6), utm: { ...ev({}).utm, source: "vk" } }),
      true,
    );
    expect(late).toMatchObject({
      status: "payed",
      paid: true,
      paidAmount: "1500.00",
      utmSource: "vk",
      statusAt: at(5),
    });
  });

  test("an older event never overwrites a newer status, but fills gaps", () => {
    const cancelled = applyEvent(null, ev({ status: "cancelled", occurredAt: at(10), email: null }), false);
    const older = applyEvent(
      cancelled,
      ev({ kind: "paid", status: "payed", paidAmount: "1500.00", occurredAt: at(5) }),
      true,
    );
    expect(older).toMatchObject({ status: "cancelled", paid: false, email: "a@b.ru", statusAt: at(10) });
  });

  test("refund or cancel after payment: not paid", () => {
    const paid = applyEvent(
      null,
      ev({ kind: "paid", status: "payed", paidAmount: "1500.00", occurredAt: at(5) }),
      false,
    );
    const cancelled = applyEvent(paid, ev({ status: "cancelled", occurredAt: at(7) }), true);
    expect(cancelled).toMatchObject({ status: "cancelled", paid: false });
  });

  test("forwarding gets the paid amount for a payment and the cost otherwise, filled from the order", () => {
    const order = applyEvent(
      null,
      ev({ kind: "paid", status: "payed", paidAmount: "1400.00", currency: "USD" }),
      false,
    );
    const paidEvent = ev({ kind: "paid", status: "payed", paidAmount: "1400.00", email: null });
    expect(forwardingEventOf(paidEvent, "k", order)).toMatchObject({
      kind: "paid",
      amount: "1400.00",
      email: "a@b.ru",
      currency: "USD",
    });
    expect(forwardingEventOf(ev({ kind: "created" }), "k", order)).toMatchObject({ amount: "1500.00" });
    expect(forwardingEventOf(ev({ kind: "imported" }), "k", order)).toBeNull();
  });
});
