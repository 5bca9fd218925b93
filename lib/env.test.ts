import { expect, test } from "vitest";
import { ConfigError, parseEnv, salebotFieldName } from "./env";

test("an empty environment gives the documented defaults", () => {
  const env = parseEnv({});
  expect(env.PORT).toBe(3000);
  expect(env.SALEBOT_API_URL).toBe("https://chatter.salebot.pro/api");
  expect(env.GC_FIELD_TELEGRAM).toBe("telegram_id");
  expect(env.TIME_ZONE).toBe("Europe/Moscow");
  expect(env.DATABASE_URL).toBeUndefined();
  expect(env.TRUST_PROXY).toBe(0);
  expect(env.HUB_ALLOW_PRIVATE_UPSTREAMS).toBe(false);
  expect(parseEnv({ HUB_ALLOW_PRIVATE_UPSTREAMS: "on", TRUST_PROXY: "1" })).toMatchObject({
    HUB_ALLOW_PRIVATE_UPSTREAMS: true,
    TRUST_PROXY: 1,
  });
});

test("empty strings count as unset", () => {
  expect(parseEnv({ PORT: "", DATABASE_URL: " " }).PORT).toBe(3000);
});

test.each([
  ["PORT", "abc"],
  ["PORT", "70000"],
  ["DATABASE_URL", "mysql://localhost/db"],
  ["GETCOURSE_ACCOUNT_URL", "school.getcourse.ru"],
  ["SALEBOT_PROJECT_ID", "my-project"],
  ["TIME_ZONE", "Mars/Olympus"],
  ["ADMIN_EMAIL", "admin"],
  ["TRUST_PROXY", "-1"],
  ["HUB_ALLOW_PRIVATE_UPSTREAMS", "yes"],
  ["SMTP_URL", "https://mail.example.com"],
  ["GETCOURSE_WEBHOOK_TOKEN", "short"],
])("a bad %s stops start-up with one line naming it", (variable, value) => {
  expect(() => parseEnv({ [variable]: value })).toThrowError(ConfigError);
  try {
    parseEnv({ [variable]: value });
  } catch (error) {
    expect((error as ConfigError).variable).toBe(variable);
    expect((error as Error).message.startsWith(`${variable} `)).toBe(true);
    expect((error as Error).message).not.toContain("\n");
  }
});

test("a rejected secret is not echoed back", () => {
  expect(() => parseEnv({ LINK_API_TOKEN: "short" })).toThrowError(/LINK_API_TOKEN .*\(got "\*\*\*"\)/);
});

test("the Salebot field name follows the project unless set", () => {
  expect(salebotFieldName(parseEnv({ SALEBOT_PROJECT_ID: "123" }))).toBe("sb_123_id");
  expect(salebotFieldName(parseEnv({ SALEBOT_PROJECT_ID: "123", GC_FIELD_SALEBOT: "sb_id" }))).toBe("sb_id");
});
