import { expect, test } from "vitest";
import { connectUrl } from "./connect-link";

test("the token is carried in ?t=", () => {
  expect(connectUrl("https://hub.school.ru", "abc.def-_")).toBe("https://hub.school.ru/connect?t=abc.def-_");
});
