import { describe, expect, test } from "vitest";
import { decodeGetCourseBody } from "@/lib/events/getcourse-body";
import { paidAfter } from "@/lib/events/getcourse-order-state";
import { parseGetCourseCall } from "@/lib/events/getcourse-parse";
import { fixtureBodyText, loadWebhookFixtures } from "./getcourse-webhook-fixtures";

// Every call in the corpus, read as the route reads it (body text → decoded → parsed).
const fixtures = loadWebhookFixtures();
const options = { receivedAt: new Date("2026-01-20T10:00:00Z"), timeZone: "Europe/Moscow" };

function read(fixture: (typeof fixtures)[number]) {
  const text = fixtureBodyText(fixture) ?? "";
  const form = fixture.request.contentType?.includes("form") ? Object.fromEntries(new URLSearchParams(text)) : null;
  const decoded = decodeGetCourseBody({ text, form });
  expect(decoded.problem).toBeNull();
  return parseGetCourseCall({ query: fixture.request.query, body: decoded.body }, options);
}

test("the corpus covers every GetCourse caller and event", () => {
  expect(fixtures.length).toBeGreaterThanOrEqual(20);
  const kinds = new Set(
    fixtures.map((fixture) => `${fixture.caller}:${"kind" in fixture.expect ? fixture.expect.kind : "unreadable"}`),
  );
  expect([...kinds].sort()).toEqual([
    "process:created",
    "process:paid",
    "process:status_changed",
    "process:unreadable",
    "tech:created",
    "tech:paid",
    "tech:status_changed",
  ]);
  expect(
    fixtures.some(
      (fixture) =>
        fixture.request.body !== null && typeof fixture.request.body === "object" && "json" in fixture.request.body,
    ),
  ).toBe(true);
});

describe.each(fixtures.map((fixture) => [fixture.name, fixture] as const))("%s", (_name, fixture) => {
  test("is read as the source shows it", () => {
    const parsed = read(fixture);
    if ("unreadable" in fixture.expect) {
      expect(parsed).toMatchObject({ kind: "unreadable", reason: fixture.expect.unreadable });
      return;
    }
    if (parsed.kind !== "event") throw new Error(`${fixture.name}: ${parsed.kind} ${JSON.stringify(parsed)}`);
    const { event } = parsed;
    const expected = fixture.expect;
    expect({
      kind: event.kind,
      dealId: event.dealId,
      dealNumber: event.dealNumber,
      status: event.status,
      paid: paidAfter(event) === true,
      paidAmount: event.paidAmount,
      costAmount: event.costAmount,
      currency: event.currency,
      createdAt: event.dealCreatedAt?.toISOString() ?? null,
      email: event.email,
      gcUserId: event.gcUserId,
      ...(expected.inferred ? { inferred: event.inferred } : {}),
    }).toEqual(expected);
    expect(event.source).toBe(fixture.caller);
  });
});
