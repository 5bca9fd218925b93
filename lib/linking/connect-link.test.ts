import { expect, test } from "vitest";
import { connectUrl, requestOrigin } from "./connect-link";

const at = (headers: Record<string, string>) => new Request("http://localhost:3000/api/link/url?sb_id=1", { headers });

test("the origin comes from the Host header, a proxy's forwarded headers, else the URL", () => {
  expect(requestOrigin(at({}))).toBe("http://localhost:3000");
  expect(requestOrigin(at({ host: "hub.school.ru" }))).toBe("http://hub.school.ru");
  expect(requestOrigin(at({ host: "10.0.0.5:3000", "x-forwarded-host": "hub.school.ru", "x-forwarded-proto": "https" }))).toBe(
    "https://hub.school.ru",
  );
  expect(requestOrigin(at({ host: "[::1]:3100" }))).toBe("http://[::1]:3100");
});

test("odd forwarded values fall back to the request's own origin", () => {
  expect(requestOrigin(at({ host: "evil.test/path" }))).toBe("http://localhost:3000");
  expect(requestOrigin(at({ host: "hub.school.ru", "x-forwarded-proto": "javascript" }))).toBe("http://localhost:3000");
});

test("the token is carried in ?t=", () => {
  expect(connectUrl("https://hub.school.ru", "abc.def-_")).toBe("https://hub.school.ru/connect?t=abc.def-_");
});
