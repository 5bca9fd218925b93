import { expect, test } from "vitest";
import { GET } from "@/app/api/link/url/route";
import { verifySignedLink } from "@/lib/linking/signed-link";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";

const SECRET = "int-test-auth-secret-0123456789";
process.env.AUTH_SECRET ??= SECRET;

const auth = { authorization: `Bearer ${TEST_LINK_TOKEN}` };

test("without the link token it is 401", async () => {
  const response = await GET(new Request("http://hub.test/api/link/url?sb_id=42"));
  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ success: false, error: "unauthorized" });
});

test.each([
  ["missing", "telegram_id=5"],
  ["not digits", "sb_id=12ab"],
  ["negative", "sb_id=-3"],
])("a %s sb_id is a 400 envelope", async (_label, query) => {
  const response = await GET(new Request(`http://hub.test/api/link/url?${query}`, { headers: auth }));
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ success: false, error: "bad_request", details: [{ field: "sb_id" }] });
});

test("a bad telegram_id is a 400 envelope too", async () => {
  const response = await GET(new Request("http://hub.test/api/link/url?sb_id=1&telegram_id=abc", { headers: auth }));
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ error: "bad_request", details: [{ field: "telegram_id" }] });
});

test("answers a personal /connect link on the request's origin whose token verifies", async () => {
  const response = await GET(
    new Request("http://hub.test:8080/api/link/url?sb_id=%2042%20&telegram_id=987654321", { headers: auth }),
  );
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  const parsed = new URL(url);
  expect(`${parsed.origin}${parsed.pathname}`).toBe("http://hub.test:8080/connect");
  const token = parsed.searchParams.get("t") ?? "";
  expect(verifySignedLink(token, { secret: process.env.AUTH_SECRET ?? "", now: new Date() })).toMatchObject({
    status: "ok",
    claims: { sbClientId: "42", telegramId: "987654321" },
  });
});

test("the token may also come as ?token= and telegram_id may be left out", async () => {
  const response = await GET(new Request(`http://hub.test/api/link/url?token=${TEST_LINK_TOKEN}&sb_id=7`));
  expect(response.status).toBe(200);
  const { url } = (await response.json()) as { url: string };
  const token = new URL(url).searchParams.get("t") ?? "";
  expect(verifySignedLink(token, { secret: process.env.AUTH_SECRET ?? "", now: new Date() })).toMatchObject({
    status: "ok",
    claims: { sbClientId: "7", telegramId: null },
  });
});

test("a forged X-Forwarded-Host does not move the link to another site (TRUST_PROXY unset)", async () => {
  const headers = { ...auth, host: "hub.test", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
  const response = await GET(new Request("http://hub.test/api/link/url?sb_id=7", { headers }));
  const { url } = (await response.json()) as { url: string };
  expect(new URL(url).origin).toBe("http://hub.test");
});
