import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { POST } from "@/app/api/link/route";
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

// POST /api/link through its exported handler, with GetCourse and Salebot simulated so valid
// requests run the whole pipeline (GC import, field writes, Salebot variables, attempt log).

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
const CUSTOMERS = 40;

beforeAll(async () => {
  sims = await startSimulatedIntegrations({ timeoutMs: 2_000 });
  for (let i = 0; i < CUSTOMERS; i++) {
    sims.gcSim.state.addUser({ email: `fuzz${i}@school.test`, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
    sims.sbSim.state.addClient({ id: 1000 + i, platformId: String(5_000_000 + i) });
  }
});
afterAll(async () => {
  await sims.close();
});

const validRecord = fc.record({
  email: fc.oneof(fc.nat({ max: CUSTOMERS + 5 }).map((i) => `fuzz${i}@school.test`), fc.emailAddress()),
  sb_id: fc.oneof(fc.nat({ max: CUSTOMERS + 5 }).map((i) => String(1000 + i)), fc.nat().map(String)),
  telegram_id: fc.oneof(fc.nat({ max: CUSTOMERS }).map((i) => String(5_000_000 + i)), fc.constant("")),
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

async function send({ token, body, query }: LinkInput) {
  const url = withQuery("http://hub.test/api/link", [query, token.query !== undefined ? `token=${encodeURIComponent(token.query)}` : undefined]);
  const request = new Request(url, { method: "POST", headers: buildHeaders(token, body.contentType), body: body.body });
  return readAnswer(await POST(request));
}

const CODES: readonly string[] = LINK_ERROR_CODES;

test("10,000 generated requests to POST /api/link: no 5xx, envelopes, rejected ones store nothing", async () => {
  const stats = await fuzzRequests<LinkInput>({
    label: "POST /api/link",
    arbitrary: fc.record({ token: tokenPlacement(TEST_LINK_TOKEN), body: encodedBody(record), query: queryGarbage }),
    send,
    check(answer, input) {
      if (!input.token.valid) expect(answer.status).toBe(401);
      if (answer.status === 200) {
        const body = answer.body as { success?: unknown; error?: unknown };
        // A business outcome: the bot block branches on `success` and a stable code.
        if (body.success !== true) {
          expect(body.success).toBe(false);
          expect(CODES).toContain(body.error);
        }
      } else {
        expect([400, 401]).toContain(answer.status);
      }
    },
  });
  report("POST /api/link", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(100);
}, 170_000);

test("requests without the right token or with malformed bodies change nothing at all", async () => {
  const badToken = fc.record({
    token: tokenPlacement(TEST_LINK_TOKEN).filter((t) => !t.valid),
    body: encodedBody(record),
    query: queryGarbage,
  });
  const malformed = fc.record({
    token: fc.constant<TokenPlacement>({ header: `Bearer ${TEST_LINK_TOKEN}`, valid: true }),
    // sb_id must be digits: anything with a letter in it is always refused.
    body: encodedBody(mutatedRecord.map((r) => ({ ...r, sb_id: `x${JSON.stringify(r.sb_id) ?? ""}` }))).filter((b) => b.label !== "garbage" && b.label !== "empty"),
    query: queryGarbage,
  });
  const stats = await fuzzRejected<LinkInput>({ label: "POST /api/link (rejected)", arbitrary: fc.oneof(badToken, malformed), send });
  report("POST /api/link (rejected only)", stats);
}, 120_000);
