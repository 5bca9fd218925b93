import fc from "fast-check";
import { expect, test } from "vitest";
import { GET, POST } from "@/app/api/webhooks/getcourse/route";
import { TEST_GETCOURSE_WEBHOOK_TOKEN } from "@/lib/testing/database-per-file";
import {
  buildHeaders,
  encodedBody,
  fieldValue,
  fuzzRejected,
  fuzzRequests,
  hostileString,
  queryGarbage,
  readAnswer,
  report,
  toWellFormed,
  tokenPlacement,
  withQuery,
  type EncodedBody,
  type TokenPlacement,
} from "./support";

// GET|POST /api/webhooks/getcourse: a process «Вызвать URL» (query, form, JSON) or a Tech API
// deal webhook (JSON, maybe wrapped as {"json": …}), every field possibly hostile.

const money = fc.oneof(
  fc.constantFrom("1990", "1 990,50 руб.", "0", "-5", "1e9", "NaN", "", "12.345"),
  fc.double().map(String),
  fieldValue,
);

/** The query a GC process sends: the fields the Settings page suggests, mutated. */
const processFields: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    event: fc.oneof(fc.constantFrom("created", "paid", "status_changed", "PAID", ""), hostileString),
    deal_id: fc.oneof(fc.nat({ max: 200 }).map(String), fieldValue),
    deal_number: fc.oneof(fc.nat({ max: 200 }).map(String), fieldValue),
    email: fc.oneof(fc.constantFrom("buyer@school.test", '=HYPERLINK("http://x","y")@x.test'), fieldValue),
    user_id: fc.oneof(fc.nat().map(String), fieldValue),
    status: fc.oneof(fc.constantFrom("new", "payed", "part_payed", "cancelled", "Новый", "Завершен"), fieldValue),
    cost: money,
    paid: money,
    offer: fc.oneof(fc.constantFrom("<script>alert(1)</script>", "Курс"), fieldValue),
    currency: fc.oneof(fc.constantFrom("RUB", "USD", "руб.", "XXX"), fieldValue),
    utm_source: fieldValue,
    created_at: fc.oneof(
      fc.constantFrom("2025-01-02 10:00:00", "0000-00-00 00:00:00", "9999-12-31 23:59:59", "02.01.2025 10:00"),
      fieldValue,
    ),
  },
  { requiredKeys: [] },
);

/** A Tech API deal event, sometimes wrapped as {"json": …} or as a JSON string inside it. */
const techEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        eventType: fc.oneof(
          fc.constantFrom(
            "getcourse/dealCreated",
            "getcourse/dealPaid",
            "getcourse/dealStatusChanged",
            "getcourse/userCreated",
          ),
          fieldValue,
        ),
        ts64: fieldValue,
        user: fc.oneof(
          fc.record(
            { id: fc.oneof(fc.constant("1:2"), fieldValue), gcId: fieldValue, email: fieldValue },
            { requiredKeys: [] },
          ),
          fieldValue,
        ),
        deal: fc.oneof(
          fc.record(
            {
              id: fc.oneof(fc.nat({ max: 200 }), fieldValue),
              number: fieldValue,
              status: fieldValue,
              isPayed: fieldValue,
              cost: money,
              payedValue: money,
              offerIds: fc.oneof(fc.array(fc.nat()), fieldValue),
              createdAt: fieldValue,
            },
            { requiredKeys: [] },
          ),
          fieldValue,
        ),
      },
      { requiredKeys: [] },
    ),
    fc.constantFrom("plain", "wrapped", "wrapped-string"),
  )
  .map(([event, wrap]) => (wrap === "plain" ? event : { json: wrap === "wrapped" ? event : JSON.stringify(event) }));

type Input = { method: "GET" | "POST"; token: TokenPlacement; query: string; body: EncodedBody };

function asQuery(record: Record<string, unknown>): string {
  return Object.entries(record)
    .filter(([, value]) => value !== undefined)
    .map(
      ([key, value]) =>
        `${key}=${encodeURIComponent(toWellFormed(typeof value === "string" ? value : (JSON.stringify(value) ?? "")))}`,
    )
    .join("&");
}

async function send({ method, token, query, body }: Input) {
  const url = withQuery("http://hub.test/api/webhooks/getcourse", [
    query,
    token.query !== undefined ? `token=${encodeURIComponent(toWellFormed(token.query))}` : undefined,
  ]);
  const handler = method === "GET" ? GET : POST;
  const init: RequestInit =
    method === "GET"
      ? { method, headers: buildHeaders(token, undefined) }
      : { method, headers: buildHeaders(token, body.contentType), body: body.body };
  return readAnswer(await handler(new Request(url, init)));
}

const input: fc.Arbitrary<Input> = fc.record({
  method: fc.constantFrom("GET", "POST"),
  token: tokenPlacement(TEST_GETCOURSE_WEBHOOK_TOKEN),
  query: fc.oneof(
    processFields.map(asQuery),
    queryGarbage,
    fc.tuple(processFields.map(asQuery), queryGarbage).map(([a, b]) => `${a}&${b}`),
  ),
  body: encodedBody(fc.oneof(techEvent, processFields)),
});

test("10,000 generated GetCourse calls: no 5xx, only a bad token is refused, every other call answered 200", async () => {
  const stats = await fuzzRequests<Input>({
    label: "GET|POST /api/webhooks/getcourse",
    arbitrary: input,
    send,
    check(answer, item) {
      if (!item.token.valid) expect(answer.status).toBe(401);
      // Never refused for its shape (what the hub cannot read is kept raw in gc_unreadable_calls):
      // only the token refuses, and query garbage may carry a `token` of its own.
      if (answer.status === 200) expect((answer.body as { success?: unknown }).success).toBe(true);
      else expect(answer.status).toBe(401);
    },
  });
  report("GET|POST /api/webhooks/getcourse", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(3000);
}, 170_000);

test("calls without the right token change nothing", async () => {
  const stats = await fuzzRejected<Input>({
    label: "getcourse (rejected)",
    arbitrary: input.filter((item) => !item.token.valid),
    send,
  });
  report("GET|POST /api/webhooks/getcourse (rejected only)", stats);
}, 120_000);
