import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import { getCustomer, parseCustomerId } from "./customers";

beforeAll(async () => {
  await db.link.create({
    data: {
      projectId: "77",
      sbClientId: "501",
      telegramId: "9001",
      email: "anna@example.com",
      gcUserId: "4001",
      source: "bot",
    },
  });
  await db.salebotClient.create({
    data: { projectId: "77", clientId: "501", name: "Anna", messenger: "telegram", messagesIn: 2, messagesOut: 1 },
  });
  await db.linkAttempt.createMany({
    data: [
      {
        requestId: "a1",
        projectId: "77",
        sbClientId: "501",
        email: "anna@example.com",
        source: "bot",
        outcome: "success",
        durationMs: 9,
        input: {},
      },
      // The same e-mail from another client: a conflict, shown on Anna's card apart, as client 999's.
      {
        requestId: "a2",
        projectId: "77",
        sbClientId: "999",
        email: "anna@example.com",
        source: "form",
        outcome: "failed",
        errorCode: "conflict",
        durationMs: 4,
        input: {},
      },
      {
        requestId: "a3",
        projectId: "78",
        sbClientId: "501",
        source: "bot",
        outcome: "failed",
        errorCode: "user_not_found",
        durationMs: 4,
        input: {},
      },
    ],
  });
  await db.gcOrder.createMany({
    data: [
      {
        dealId: "d1",
        gcUserId: "4001",
        email: "anna@example.com",
        status: "payed",
        paid: true,
        costAmount: "1500.00",
        paidAmount: "1500.00",
        paidAt: new Date(),
      },
      { dealId: "d2", email: "anna@example.com", status: "new" },
      { dealId: "d3", gcUserId: "4999", email: "other@example.com" },
    ],
  });
  await db.salebotMessage.createMany({
    data: Array.from({ length: 25 }, (_, i) => ({
      projectId: "77",
      messageId: `m${i}`,
      clientId: "501",
      direction: i % 2 === 0 ? ("in" as const) : ("out" as const),
      text: `message ${i}`,
      receivedAt: new Date(Date.now() - (25 - i) * 1000),
      payload: {},
    })),
  });
  await db.delivery.create({
    data: {
      idempotencyKey: "k1",
      projectId: "77",
      sbClientId: "501",
      kind: "gc_order_paid",
      payload: {},
      status: "sent",
    },
  });
  // A client the hub only knows from attempts.
  await db.linkAttempt.create({
    data: {
      requestId: "b1",
      projectId: "77",
      sbClientId: "600",
      source: "bot",
      outcome: "failed",
      errorCode: "user_not_found",
      durationMs: 3,
      input: {},
    },
  });
});

test("parseCustomerId: <project>-<client>, anything else is unknown", () => {
  expect(parseCustomerId("77-501")).toEqual({ projectId: "77", sbClientId: "501" });
  expect(parseCustomerId("77-a-b")).toEqual({ projectId: "77", sbClientId: "a-b" });
  expect(parseCustomerId("77")).toBeNull();
  expect(parseCustomerId("-501")).toBeNull();
  expect(parseCustomerId("%E0%A4%A")).toBeNull();
  // A NUL reached PostgreSQL and answered 500 (outside review).
  expect(parseCustomerId("100001-%00")).toBeNull();
  expect(parseCustomerId("%00-1")).toBeNull();
});

test("the card: link, own attempts and apart other clients naming its e-mail, orders by GC user or e-mail, recent messages, deliveries", async () => {
  const customer = await getCustomer("77-501");
  expect(customer).toMatchObject({
    id: "77-501",
    projectId: "77",
    sbClientId: "501",
    link: { email: "anna@example.com", gcUserId: "4001" },
    client: { name: "Anna" },
  });
  // Only Anna's own attempts in this project are hers; client 999's claim on her e-mail is listed
  // apart with its client, and another project's client 501 is someone else.
  expect(customer?.attempts.map((a) => a.requestId)).toEqual(["a1"]);
  expect(customer?.otherClientAttempts.map((a) => [a.requestId, a.sbClientId])).toEqual([["a2", "999"]]);
  expect(customer?.orders.map((o) => o.dealId).sort()).toEqual(["d1", "d2"]);
  expect(customer?.orders.find((o) => o.dealId === "d1")).toMatchObject({
    paid: true,
    paidAmount: "1500",
    currency: "RUB",
  });
  expect(customer?.messages).toHaveLength(20);
  expect(customer?.messages[0]?.text).toBe("message 24");
  expect(customer?.deliveries.map((d) => d.kind)).toEqual(["gc_order_paid"]);
});

test("a client known only from attempts has a card without a link; unknown ids are null (404)", async () => {
  const customer = await getCustomer("77-600");
  expect(customer).toMatchObject({ link: null, client: null, orders: [], messages: [] });
  expect(customer?.attempts).toHaveLength(1);
  expect(customer?.otherClientAttempts).toEqual([]);
  expect(await getCustomer("77-404")).toBeNull();
  expect(await getCustomer("garbage")).toBeNull();
});

test("a start link pressed in a second chat is that chat's attempt, and only a note on the linked customer's card", async () => {
  // Review case: client 7780001 redeemed the link, then 7780003 pressed the same code.
  await db.link.create({
    data: {
      projectId: "77",
      sbClientId: "7780001",
      email: "sokolov@example.com",
      gcUserId: "4100",
      source: "deep_link",
    },
  });
  await db.linkAttempt.createMany({
    data: [
      {
        requestId: "s1",
        projectId: "77",
        sbClientId: "7780001",
        email: "sokolov@example.com",
        source: "deep_link",
        outcome: "success",
        durationMs: 5,
        input: {},
      },
      {
        requestId: "s2",
        projectId: "77",
        sbClientId: "7780003",
        email: "sokolov@example.com",
        source: "deep_link",
        outcome: "failed",
        errorCode: "start_link_used",
        errorDetail: "This start link was already used by Salebot client 7780001.",
        durationMs: 5,
        input: {},
      },
    ],
  });
  const linked = await getCustomer("77-7780001");
  expect(linked?.attempts.map((a) => a.requestId)).toEqual(["s1"]);
  expect(linked?.otherClientAttempts.map((a) => [a.requestId, a.sbClientId])).toEqual([["s2", "7780003"]]);
  const pressedAgain = await getCustomer("77-7780003");
  expect(pressedAgain?.attempts.map((a) => a.requestId)).toEqual(["s2"]);
  expect(pressedAgain?.otherClientAttempts).toEqual([]);
});
