import { beforeEach, describe, expect, test, vi } from "vitest";
import { GET, POST } from "@/app/api/webhooks/getcourse/route";
import { db } from "@/lib/db";
import { TEST_GETCOURSE_WEBHOOK_TOKEN } from "@/lib/testing/database-per-file";
import { fixtureBodyText, loadWebhookFixtures, type WebhookFixture } from "./getcourse-webhook-fixtures";

// Every call in the corpus through the real route: answered 200, and the rows it leaves.
vi.mock("@/lib/forwarding/forward-order", () => ({ forwardOrderEvent: async () => {} }));

const fixtures = loadWebhookFixtures();

function send(fixture: WebhookFixture): Promise<Response> {
  const query = new URLSearchParams({ token: TEST_GETCOURSE_WEBHOOK_TOKEN, ...fixture.request.query });
  const url = `http://hub.test/api/webhooks/getcourse?${query}`;
  if (fixture.request.method === "GET") return GET(new Request(url));
  const headers: Record<string, string> = fixture.request.contentType
    ? { "content-type": fixture.request.contentType }
    : {};
  return POST(new Request(url, { method: "POST", headers, body: fixtureBodyText(fixture) }));
}

beforeEach(async () => {
  // Fixtures from one source share deal ids; each is checked on its own.
  await db.gcOrder.deleteMany();
  await db.gcUnreadableCall.deleteMany();
});

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s", (_name, fixture) => {
  test("answered 200 and stored as read", async () => {
    const response = await send(fixture);
    expect(response.status).toBe(200);
    const expected = fixture.expect;
    if ("unreadable" in expected) {
      const [kept, ...more] = await db.gcUnreadableCall.findMany();
      expect(more).toEqual([]);
      expect(kept).toMatchObject({ method: fixture.request.method, reason: expected.unreadable });
      expect(kept?.query).toMatchObject({ ...fixture.request.query, token: "[redacted]" });
      expect(await db.gcOrder.count()).toBe(0);
      return;
    }
    const [event, ...others] = await db.gcOrderEvent.findMany({ where: { dealId: expected.dealId } });
    expect(others).toEqual([]);
    expect(event).toMatchObject({ kind: expected.kind, status: expected.status, paid: expected.paid });
    const order = await db.gcOrder.findUniqueOrThrow({ where: { dealId: expected.dealId } });
    expect({
      dealNumber: order.dealNumber,
      status: order.status,
      paid: order.paid,
      costAmount: order.costAmount?.toFixed(2) ?? null,
      currency: order.currency,
      email: order.email,
      gcUserId: order.gcUserId,
    }).toEqual({
      dealNumber: expected.dealNumber,
      status: expected.status,
      paid: expected.paid,
      costAmount: expected.costAmount,
      currency: expected.currency ?? "RUB",
      email: expected.email,
      gcUserId: expected.gcUserId,
    });
    if (expected.createdAt) expect(order.orderedAt.toISOString()).toBe(expected.createdAt);
    if (expected.paid && expected.paidAmount) expect(order.paidAmount?.toFixed(2)).toBe(expected.paidAmount);
    expect(event?.inferred).toEqual(expected.inferred ?? []);
  });
});
