import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST } from "@/app/api/link/route";
import { answerClientError, serveWebHandler } from "@/lib/http-node";
import { LINK_ERROR_CODES } from "@/lib/linking/codes";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import { FIELD_SALEBOT, FIELD_TELEGRAM, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import {
  buildHeaders,
  encodedBody,
  fieldValue,
  fuzzRejected,
  fuzzRequests,
  queryGarbage,
  readAnswer,
  report,
  tokenPlacement,
  withQuery,
  type EncodedBody,
  type TokenPlacement,
} from "./support";

// POST /api/link twice over, with GetCourse and Salebot simulated so valid requests run the whole
// pipeline (GC import, field writes, Salebot variables, attempt log): its exported handler called
// directly, and the same handler behind the lean node:http path production serves (scripts/server.ts).

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let server: Server;
let base = "";
const CUSTOMERS = 40;

beforeAll(async () => {
  server = createServer((req, res) => void serveWebHandler(req, res, "POST /api/link", POST));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sims = await startSimulatedIntegrations({ timeoutMs: 2_000 });
  for (let i = 0; i < CUSTOMERS; i++) {
    sims.gcSim.state.addUser({ email: `fuzz${i}@school.test`, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
    sims.sbSim.state.addClient({ id: 1000 + i, platformId: String(5_000_000 + i) });
  }
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await sims.close();
});

const validRecord = fc.record({
  email: fc.oneof(
    fc.nat({ max: CUSTOMERS + 5 }).map((i) => `fuzz${i}@school.test`),
    fc.emailAddress(),
  ),
  sb_id: fc.oneof(
    fc.nat({ max: CUSTOMERS + 5 }).map((i) => String(1000 + i)),
    fc.nat().map(String),
  ),
  telegram_id: fc.oneof(
    fc.nat({ max: CUSTOMERS }).map((i) => String(5_000_000 + i)),
    fc.constant(""),
  ),
});

/** A valid request with some fields swapped for hostile values, dropped, or joined by extras. */
const mutatedRecord: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    validRecord,
    fc.subarray(["email", "sb_id", "telegram_id"] as const),
    fc.array(fieldValue, { minLength: 3, maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), fieldValue, { maxKeys: 3 }),
  )
  .map(([record, mutate, values, extra]) => {
    const out: Record<string, unknown> = { ...extra, ...record };
    mutate.forEach((key, i) => (out[key] = values[i]));
    return out;
  });

const record = fc.oneof({ arbitrary: validRecord, weight: 1 }, { arbitrary: mutatedRecord, weight: 3 });

type LinkInput = { token: TokenPlacement; body: EncodedBody; query: string };

function url(origin: string, { token, query }: LinkInput): string {
  return withQuery(`${origin}/api/link`, [
    query,
    token.query !== undefined ? `token=${encodeURIComponent(token.query)}` : undefined,
  ]);
}

async function send(input: LinkInput) {
  const request = new Request(url("http://hub.test", input), {
    method: "POST",
    headers: buildHeaders(input.token, input.body.contentType),
    body: input.body.body,
  });
  return readAnswer(await POST(request));
}

async function sendViaNode(input: LinkInput) {
  return readAnswer(
    await fetch(url(base, input), {
      method: "POST",
      headers: buildHeaders(input.token, input.body.contentType),
      body: input.body.body,
    }),
  );
}

const CODES: readonly string[] = LINK_ERROR_CODES;

test.each([
  ["the exported handler", send],
  ["the lean node:http path", sendViaNode],
])(
  "10,000 generated requests to POST /api/link through %s: no 5xx, envelopes, rejected ones store nothing",
  async (path, through) => {
    const stats = await fuzzRequests<LinkInput>({
      label: "POST /api/link",
      arbitrary: fc.record({ token: tokenPlacement(TEST_LINK_TOKEN), body: encodedBody(record), query: queryGarbage }),
      send: through,
      check(answer, input) {
        // The lean path refuses a request line over 16 KiB (431) and a body over 256 KiB (413) before
        // the handler's guard runs, whatever the token.
        const refusedEarly = through === sendViaNode && (answer.status === 413 || answer.status === 431);
        if (!input.token.valid && !refusedEarly) expect(answer.status).toBe(401);
        if (answer.status === 200) {
          const body = answer.body as { success?: unknown; error?: unknown };
          // A business outcome: the bot block branches on `success` and a stable code.
          if (body.success !== true) {
            expect(body.success).toBe(false);
            expect(CODES).toContain(body.error);
          }
        } else {
          expect(refusedEarly || [400, 401].includes(answer.status)).toBe(true);
        }
      },
    });
    report(`POST /api/link (${path})`, stats);
    expect(stats.statuses[200] ?? 0).toBeGreaterThan(100);
  },
  170_000,
);

test("requests without the right token or with malformed bodies change nothing at all", async () => {
  const badToken = fc.record({
    token: tokenPlacement(TEST_LINK_TOKEN).filter((t) => !t.valid),
    body: encodedBody(record),
    query: queryGarbage,
  });
  const malformed = fc.record({
    token: fc.constant<TokenPlacement>({ header: `Bearer ${TEST_LINK_TOKEN}`, valid: true }),
    // sb_id must be digits: anything with a letter in it is always refused (a duplicated key could
    // put a valid sb_id back, and garbage or an empty body is not this record at all).
    body: encodedBody(mutatedRecord.map((r) => ({ ...r, sb_id: `x${JSON.stringify(r.sb_id) ?? ""}` }))).filter(
      (b) => b.label !== "garbage" && b.label !== "empty" && b.label !== "duplicate-keys",
    ),
    query: queryGarbage,
  });
  const stats = await fuzzRejected<LinkInput>({
    label: "POST /api/link (rejected)",
    arbitrary: fc.oneof(badToken, malformed),
    send,
  });
  report("POST /api/link (rejected only)", stats);
}, 120_000);
