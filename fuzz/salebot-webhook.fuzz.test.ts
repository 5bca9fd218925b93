import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/salebot/route";
import { handleSalebotWebhookNode } from "@/lib/events/salebot-webhook-node";
import { answerClientError } from "@/lib/http-node";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
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
  type Answer,
  type EncodedBody,
  type TokenPlacement,
} from "./support";

// POST /api/webhooks/salebot twice over: the Next route handler called directly, and the lean
// node:http path production serves (scripts/server.ts) behind a real server on a free port.

let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => void handleSalebotWebhookNode(req, res));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = fc.record(
  {
    id: fc.oneof(fc.nat({ max: 500 }), fc.nat({ max: 500 }).map(String), fieldValue),
    recepient: fc.oneof(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }).map(String), fieldValue),
    client_type: fc.oneof(fc.constantFrom(0, 1, 2, 6, "1", "", null), fieldValue),
    name: fc.oneof(fc.constantFrom("<script>alert(1)</script>", '=HYPERLINK("http://x","y")', "Анна"), hostileString),
    tag: fieldValue,
    group: fc.oneof(fc.constantFrom("fuzz_bot", "12345"), fieldValue),
    created_at: fieldValue,
  },
  { requiredKeys: ["id"] },
);

/** A Salebot message webhook (salebot-api.md §3), with any field possibly hostile or missing. */
const message: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    id: fc.oneof(fc.nat({ max: 1_000_000 }), fieldValue),
    client: fc.oneof({ arbitrary: client, weight: 4 }, { arbitrary: fieldValue, weight: 1 }),
    message: fc.oneof(fc.constantFrom("/start promo", "hello", "\\u0000"), hostileString),
    attachments: fc.oneof(
      fc.constant("[]"),
      fc.constant("['https://x.test/a.png']"),
      fieldValue,
      fc.jsonValue({ maxDepth: 3 }),
    ),
    message_id: fieldValue,
    project_id: fc.oneof(fc.constant(777), fc.constant("777"), fieldValue),
    is_input: fc.oneof(fc.constantFrom(1, 0, "1", "0", true, false, "false"), fieldValue),
    delivered: fieldValue,
    error_message: fieldValue,
    extra: fc.jsonValue({ maxDepth: 4 }),
  },
  { requiredKeys: [] },
);

type Input = { token: TokenPlacement; body: EncodedBody; query: string };

const input = fc.record({ token: tokenPlacement(TEST_LINK_TOKEN), body: encodedBody(message), query: queryGarbage });

function url(origin: string, { token, query }: Input): string {
  return withQuery(`${origin}/api/webhooks/salebot`, [
    query,
    token.query !== undefined ? `token=${encodeURIComponent(toWellFormed(token.query))}` : undefined,
  ]);
}

async function viaNext(item: Input): Promise<Answer> {
  const request = new Request(url("http://hub.test", item), {
    method: "POST",
    headers: buildHeaders(item.token, item.body.contentType),
    body: item.body.body,
  });
  return readAnswer(await POST(request));
}

async function viaNode(item: Input): Promise<Answer> {
  const response = await fetch(url(base, item), {
    method: "POST",
    headers: buildHeaders(item.token, item.body.contentType),
    body: item.body.body,
  });
  return readAnswer(response);
}

function check(answer: Answer, item: Input): void {
  // The lean path refuses a request line over 16 KiB (431) and a body over 256 KiB (413) whatever the token.
  const refusedEarly = answer.status === 413 || answer.status === 431;
  if (!item.token.valid && !refusedEarly) expect(answer.status).toBe(401);
  if (answer.status === 200) expect(answer.body).toEqual({ success: true });
  else expect([400, 401, 413, 431]).toContain(answer.status);
}

test("10,000 generated webhooks to the Next route: no 5xx, envelopes, rejected ones store nothing", async () => {
  const stats = await fuzzRequests<Input>({
    label: "POST /api/webhooks/salebot (Next)",
    arbitrary: input,
    send: viaNext,
    check,
  });
  report("POST /api/webhooks/salebot (Next route)", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(300);
}, 170_000);

test("10,000 generated webhooks to the lean node:http path: the same", async () => {
  const stats = await fuzzRequests<Input>({
    label: "POST /api/webhooks/salebot (node)",
    arbitrary: input,
    send: viaNode,
    check,
  });
  report("POST /api/webhooks/salebot (node:http)", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(300);
}, 170_000);

test("the lean path refuses an oversized body with the envelope and stores nothing", async () => {
  const stats = await fuzzRejected<number>({
    label: "POST /api/webhooks/salebot (node, oversized)",
    arbitrary: fc.integer({ min: 256 * 1024 + 1, max: 2 * 1024 * 1024 }),
    numRuns: 30,
    send: async (size) =>
      readAnswer(
        await fetch(`${base}/api/webhooks/salebot`, {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_LINK_TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({ id: 1, message: "x".repeat(size) }),
        }),
      ),
  });
  report("POST /api/webhooks/salebot (node, oversized)", stats);
});

test("webhooks with a wrong token or a non-object body change nothing, on either path", async () => {
  const rejected = fc.oneof(
    fc.record({
      token: tokenPlacement(TEST_LINK_TOKEN).filter((t) => !t.valid),
      body: encodedBody(message),
      query: queryGarbage,
    }),
    fc.record({
      token: fc.constant<TokenPlacement>({ header: `Bearer ${TEST_LINK_TOKEN}`, valid: true }),
      body: fc
        .oneof(
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((v) => v === null || typeof v !== "object" || Array.isArray(v))
            .map((v) => JSON.stringify(v)),
          fc.constantFrom("{", "", " ", "nope"),
        )
        .map((text) => ({ body: text, contentType: "application/json", label: "not-an-object" })),
      query: queryGarbage,
    }),
  );
  const statsNext = await fuzzRejected<Input>({
    label: "salebot rejected (Next)",
    arbitrary: rejected,
    send: viaNext,
    numRuns: 1_000,
  });
  const statsNode = await fuzzRejected<Input>({
    label: "salebot rejected (node)",
    arbitrary: rejected,
    send: viaNode,
    numRuns: 1_000,
  });
  report("POST /api/webhooks/salebot (rejected only, Next)", statsNext);
  report("POST /api/webhooks/salebot (rejected only, node)", statsNode);
}, 120_000);
