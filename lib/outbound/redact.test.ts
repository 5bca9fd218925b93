import { expect, test } from "vitest";
import { redactUrl } from "./redact";

test("keys in query strings and known secrets in paths are masked", () => {
  expect(redactUrl("https://s.getcourse.ru/pl/api/users?key=SECRETKEY123&x=1")).toBe(
    "https://s.getcourse.ru/pl/api/users?key=***&x=1",
  );
  expect(redactUrl("https://chatter.salebot.pro/api/abcdef123456/callback", ["abcdef123456"])).toBe(
    "https://chatter.salebot.pro/api/***/callback",
  );
});
