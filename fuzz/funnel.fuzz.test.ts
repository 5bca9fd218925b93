import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { GET } from "@/app/api/analytics/funnel/route";
import { acceptSalebotWebhook } from "@/lib/events/salebot-webhook";
import { TEST_READ_TOKEN } from "@/lib/testing/database-per-file";
import {
  fuzzRejected,
  fuzzRequests,
  hostileString,
  queryGarbage,
  readAnswer,
  report,
  toWellFormed,
  tokenPlacement,
  type TokenPlacement,
} from "./support";

// GET /api/analytics/funnel (the reporting API) with the read token and random query strings.

beforeAll(async () => {
  // A few clients, so grouped queries have rows to group.
  for (let i = 0; i < 20; i++) {
    await acceptSalebotWebhook(
      JSON.stringify({
        id: i + 1,
        project_id: 777,
        message: `/start promo${i % 3}`,
        is_input: 1,
        client: { id: 100 + i, recepient: String(9000 + i), client_type: 1, name: `<b>${i}</b>`, group: `bot${i % 2}` },
      }),
    );
  }
});

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Dates that are right, nearly right (2025-02-30), at the calendar's ends, or not dates at all. */
const date: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
    .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "9999-12-02",
    "1970-01-01",
    "2024-02-29",
    "2025-02-29",
    " 2025-01-01 ",
    "2025-1-1",
    "20250101",
    "2025-01-01T00:00:00Z",
    "today",
  ),
  hostileString,
);

const query = fc
  .record(
    {
      from: date,
      to: date,
      groupBy: fc.oneof(
        fc.constantFrom("none", "bot", "messenger", "start_param", "utm_source", "BOT", "", "__proto__"),
        hostileString,
      ),
      sep: fc.constantFrom("semicolon", ";", ","),
    },
    { requiredKeys: [] },
  )
  .map((fields) =>
    Object.entries(fields)
      .map(([key, value]) => `${key}=${encodeURIComponent(toWellFormed(value))}`)
      .join("&"),
  );

type Input = { token: TokenPlacement; query: string; garbage: string };

async function send({ token, query, garbage }: Input) {
  const parts = [
    query,
    garbage,
    token.query !== undefined ? `token=${encodeURIComponent(toWellFormed(token.query))}` : undefined,
  ].filter(Boolean);
  const headers = new Headers();
  if (token.header !== undefined) headers.set("authorization", token.header);
  return readAnswer(await GET(new Request(`http://hub.test/api/analytics/funnel?${parts.join("&")}`, { headers })));
}

test("10,000 random query strings to GET /api/analytics/funnel: no 5xx, envelopes, a funnel on 200", async () => {
  const stats = await fuzzRequests<Input>({
    label: "GET /api/analytics/funnel",
    arbitrary: fc.record({ token: tokenPlacement(TEST_READ_TOKEN), query, garbage: queryGarbage }),
    send,
    check(answer) {
      if (answer.status === 200) {
        const body = answer.body as { from?: unknown; to?: unknown; total?: unknown; rows?: unknown };
        expect(typeof body.from).toBe("string");
        expect(typeof body.to).toBe("string");
        expect(Array.isArray(body.rows)).toBe(true);
      } else {
        expect([400, 401]).toContain(answer.status);
      }
    },
  });
  report("GET /api/analytics/funnel", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(300);
}, 170_000);

test("reads never write: a batch without the token, or with a bad period, changes nothing", async () => {
  const stats = await fuzzRejected<Input>({
    label: "GET /api/analytics/funnel (rejected)",
    arbitrary: fc.oneof(
      fc.record({
        token: tokenPlacement(TEST_READ_TOKEN).filter((t) => !t.valid && t.header !== undefined && t.header !== ""),
        query,
        garbage: queryGarbage,
      }),
      fc.record({
        token: fc.constant<TokenPlacement>({ header: `Bearer ${TEST_READ_TOKEN}`, valid: true }),
        query: query.map((q) => `${q}&from=2025-13-01`),
        garbage: queryGarbage,
      }),
    ),
    send,
  });
  report("GET /api/analytics/funnel (rejected only)", stats);
}, 120_000);
