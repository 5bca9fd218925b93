import { expect, test } from "vitest";
import {
  CLIENT_ADDRESS_HEADER,
  reachedOverHttps,
  requestOrigin,
  resolveClientAddress,
  settleForwardedHeaders,
} from "./forwarded";

// Issue 13.4 and 13.8: X-Forwarded-* are believed only from the proxies TRUST_PROXY counts.

test("with no trusted proxy the socket's peer is the address, whatever X-Forwarded-For claims", () => {
  expect(resolveClientAddress("1.2.3.4", "203.0.113.7", 0)).toBe("203.0.113.7");
  expect(resolveClientAddress("9.9.9.9, 8.8.8.8", "::ffff:203.0.113.7", 0)).toBe("203.0.113.7");
  expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
});

test("with n trusted proxies, the address the outermost one saw; entries the client wrote are skipped", () => {
  // client → proxy (appends the client's address) → hub
  expect(resolveClientAddress("198.51.100.2", "10.0.0.1", 1)).toBe("198.51.100.2");
  expect(resolveClientAddress("6.6.6.6, 198.51.100.2", "10.0.0.1", 1)).toBe("198.51.100.2");
  expect(resolveClientAddress("6.6.6.6, 198.51.100.2, 10.0.0.2", "10.0.0.1", 2)).toBe("198.51.100.2");
  // Fewer entries than proxies: the leftmost there is.
  expect(resolveClientAddress(undefined, "10.0.0.1", 1)).toBe("10.0.0.1");
});

test("the server replaces a client-sent address header and drops forwarded headers nobody trusted", () => {
  const headers: Record<string, string | string[] | undefined> = {
    host: "hub.school.ru",
    "x-forwarded-for": "1.1.1.1",
    "x-forwarded-host": "evil.test",
    "x-forwarded-proto": "https",
    [CLIENT_ADDRESS_HEADER]: "5.5.5.5",
  };
  settleForwardedHeaders(headers, "203.0.113.7", 0);
  expect(headers).toEqual({ host: "hub.school.ru", [CLIENT_ADDRESS_HEADER]: "203.0.113.7" });
  const proxied: Record<string, string> = { "x-forwarded-for": "198.51.100.2", "x-forwarded-proto": "https" };
  settleForwardedHeaders(proxied, "10.0.0.1", 1);
  expect(proxied[CLIENT_ADDRESS_HEADER]).toBe("198.51.100.2");
  expect(reachedOverHttps(proxied, 1)).toBe(true);
  expect(reachedOverHttps(proxied, 0)).toBe(false);
});

const at = (headers: Record<string, string>) => new Request("http://localhost:3000/api/link/url?sb_id=1", { headers });

test("the origin comes from the Host header, a trusted proxy's forwarded headers, else the URL", () => {
  expect(requestOrigin(at({}), 0)).toBe("http://localhost:3000");
  expect(requestOrigin(at({ host: "hub.school.ru" }), 0)).toBe("http://hub.school.ru");
  expect(
    requestOrigin(at({ host: "10.0.0.5:3000", "x-forwarded-host": "hub.school.ru", "x-forwarded-proto": "https" }), 1),
  ).toBe("https://hub.school.ru");
  expect(requestOrigin(at({ host: "[::1]:3100" }), 0)).toBe("http://[::1]:3100");
});

test("X-Forwarded-Host from an untrusted caller is ignored", () => {
  expect(
    requestOrigin(at({ host: "hub.school.ru", "x-forwarded-host": "evil.test", "x-forwarded-proto": "https" }), 0),
  ).toBe("http://hub.school.ru");
});

test("odd values fall back to the request's own origin", () => {
  expect(requestOrigin(at({ host: "evil.test/path" }), 0)).toBe("http://localhost:3000");
  expect(requestOrigin(at({ host: "hub.school.ru", "x-forwarded-proto": "javascript" }), 1)).toBe(
    "http://localhost:3000",
  );
});

test("cookies set on an answer to an https request get the Secure flag", async () => {
  const { createServer } = await import("node:http");
  const { markCookiesSecure } = await import("./secure-cookies");
  const server = createServer((_req, res) => {
    markCookiesSecure(res);
    res.setHeader("set-cookie", ["next-auth.session-token=abc; Path=/; HttpOnly", "b=1; Secure"]);
    res.appendHeader("set-cookie", "c=2");
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}/`);
  server.close();
  expect(response.headers.getSetCookie()).toEqual([
    "next-auth.session-token=abc; Path=/; HttpOnly; Secure",
    "b=1; Secure",
    "c=2; Secure",
  ]);
});
