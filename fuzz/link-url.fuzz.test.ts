import fc from "fast-check";
import { expect, test } from "vitest";
import { GET } from "@/app/api/link/url/route";
import { verifySignedLink } from "@/lib/linking/signed-link";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
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

// GET /api/link/url: a Salebot block asks for a customer's personal /connect link.

const SECRET = "fuzz-link-url-secret-0123456789";
process.env.AUTH_SECRET ??= SECRET;

const id = fc.oneof(
  fc.nat().map(String),
  fc.bigInt({ min: 0n, max: 10n ** 22n }).map(String),
  fc.constantFrom(" 42 ", "", "-1", "1.5", "1e3", "０１２"),
  hostileString,
);

const query = fc.record({ sb_id: id, telegram_id: id }, { requiredKeys: [] }).map((fields) =>
  Object.entries(fields)
    .map(([key, value]) => `${key}=${encodeURIComponent(toWellFormed(value))}`)
    .join("&"),
);

/** Host headers a caller controls: the link is built on the request's origin. */
const host = fc.oneof(fc.constantFrom("hub.test", "hub.test:8080", "127.0.0.1:3000", "[::1]:3000"), fc.domain());

type Input = { token: TokenPlacement; query: string; garbage: string; host: string };

async function send({ token, query, garbage, host: origin }: Input) {
  const parts = [
    query,
    garbage,
    token.query !== undefined ? `token=${encodeURIComponent(toWellFormed(token.query))}` : undefined,
  ].filter(Boolean);
  const headers = new Headers();
  if (token.header !== undefined) headers.set("authorization", token.header);
  return readAnswer(await GET(new Request(`http://${origin}/api/link/url?${parts.join("&")}`, { headers })));
}

test("10,000 generated requests to GET /api/link/url: no 5xx, envelopes, a verifiable link on 200", async () => {
  const stats = await fuzzRequests<Input>({
    label: "GET /api/link/url",
    arbitrary: fc.record({ token: tokenPlacement(TEST_LINK_TOKEN), query, garbage: queryGarbage, host }),
    send,
    check(answer, item) {
      if (!item.token.valid) expect(answer.status).toBe(401);
      if (answer.status !== 200) {
        expect([400, 401]).toContain(answer.status);
        return;
      }
      const { url } = answer.body as { url: string };
      const link = new URL(url);
      expect(link.pathname).toBe("/connect");
      const verified = verifySignedLink(link.searchParams.get("t") ?? "", {
        secret: process.env.AUTH_SECRET ?? "",
        now: new Date(),
      });
      expect(verified.status).toBe("ok");
    },
  });
  report("GET /api/link/url", stats);
  expect(stats.statuses[200] ?? 0).toBeGreaterThan(300);
}, 170_000);

test("refused requests store nothing (the route never writes, and must not start to)", async () => {
  const stats = await fuzzRejected<Input>({
    label: "GET /api/link/url (rejected)",
    arbitrary: fc.record({
      token: tokenPlacement(TEST_LINK_TOKEN).filter((t) => !t.valid),
      query,
      garbage: queryGarbage,
      host,
    }),
    send,
  });
  report("GET /api/link/url (rejected only)", stats);
}, 120_000);
