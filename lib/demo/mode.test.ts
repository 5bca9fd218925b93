import { expect, test } from "vitest";
import { isDemoMode } from "./mode";

test("demo mode: no GetCourse or Salebot credentials, unless HUB_DEMO=off", () => {
  expect(isDemoMode({})).toBe(true);
  expect(isDemoMode({ SALEBOT_API_URL: "https://chatter.salebot.pro/api", GETCOURSE_API_KEY: " " })).toBe(true);
  expect(isDemoMode({ HUB_DEMO: "off" })).toBe(false);
  expect(isDemoMode({ GETCOURSE_ACCOUNT_URL: "https://school.getcourse.ru" })).toBe(false);
  expect(isDemoMode({ SALEBOT_PROJECT_ID: "123" })).toBe(false);
});
