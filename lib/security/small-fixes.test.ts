import { NextRequest } from "next/server";
import { expect, test } from "vitest";
import { z } from "zod";
import { csvCell } from "@/lib/csv/write";
import { route } from "@/lib/http";
import { proxy } from "@/proxy";

// Issue 13.8's small ones.
process.env.AUTH_SECRET ??= "unit-test-auth-secret-0123456789";

test.each([' =HYPERLINK("http://evil")', "  +1", "\u00a0@SUM(A1)", "\t=1"])(
  "a formula behind leading blanks (%j) is still defused",
  (value) => {
    expect(csvCell(value).replace(/^"/, "").startsWith("'")).toBe(true);
  },
);

test("a NUL byte never reaches a CSV cell or a query", async () => {
  expect(csvCell("a\u0000b")).toBe("ab");
  const handler = route(
    { name: "GET /t", auth: () => ({ kind: "public" }), query: z.object({ q: z.string() }) },
    ({ query }) => ({ q: query.q }),
  );
  const response = await handler(new Request("http://hub.test/t?q=ab%00c"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ q: "abc" });
});

test("a list page asked with a NUL in its query is redirected to the same page without it", () => {
  const response = proxy(new NextRequest("http://hub.test/links?q=a%00b"));
  expect(response.status).toBe(308);
  expect(response.headers.get("location")).toBe("http://hub.test/links?q=ab");
});

test("an invalid or foreign callbackUrl goes home instead of failing (an anonymous 500 before)", async () => {
  const { getAuthOptions } = await import("@/lib/auth/options");
  const redirect = getAuthOptions().callbacks?.redirect;
  const baseUrl = "http://hub.test";
  for (const url of ["http://[", "https://evil.example/steal", "//evil.example", "javascript:alert(1)"]) {
    expect(await redirect?.({ url, baseUrl }), url).toBe(baseUrl);
  }
  expect(await redirect?.({ url: "/links?q=1", baseUrl })).toBe("http://hub.test/links?q=1");
});
