import { expect, test, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import { pasteTargets } from "./call-urls";
import {
  configFromEnv,
  EMPTY_STORED_INTEGRATIONS,
  mergeIntegrationConfig,
  sameOrigin,
  storedIntegrationsSchema,
} from "./integration-config";
import {
  applyIntegrationInput,
  integrationSettingsInputSchema,
  type IntegrationSettingsInput,
} from "./integration-settings";

vi.hoisted(() => {
  // Keys entered in a test are sealed for real (lib/settings/crypto.ts).
  process.env.AUTH_SECRET ??= "unit-test-auth-secret-0123456789";
});

const env = parseEnv({
  GETCOURSE_ACCOUNT_URL: "https://school.getcourse.ru",
  GETCOURSE_API_KEY: "env-gc-key",
  GETCOURSE_TECH_TOKEN: "env_tech",
  SALEBOT_API_KEY: "env-sb-key",
  SALEBOT_PROJECT_ID: "100",
});
const open = ({ sealed }: { sealed: string }) => {
  if (sealed === "broken") throw new Error("cannot open");
  return `plain:${sealed}`;
};

test("the environment alone: defaults for the field names", () => {
  const config = configFromEnv(env);
  expect(config.getcourse).toEqual({
    accountUrl: "https://school.getcourse.ru",
    apiKey: "env-gc-key",
    techToken: "env_tech",
    unknownEmail: "refuse",
  });
  expect(config.salebot).toEqual([
    {
      apiUrl: "https://chatter.salebot.pro/api",
      apiKey: "env-sb-key",
      projectId: "100",
      botUsername: undefined,
      salebotField: "sb_100_id",
    },
  ]);
  expect(config.fields.telegram).toBe("telegram_id");
});

test("saved values win over the environment; blanks and unreadable secrets fall back", () => {
  const stored = storedIntegrationsSchema.parse({
    getcourse: { accountUrl: " ", apiKey: { sealed: "k1", hint: "" }, techToken: { sealed: "broken", hint: "" } },
    salebot: [{ projectId: "200" }, { projectId: "300", apiKey: { sealed: "k3", hint: "" } }],
    fields: { telegram: "tg_field" },
  });
  const config = mergeIntegrationConfig(env, stored, open);
  expect(config.getcourse).toEqual({
    accountUrl: "https://school.getcourse.ru",
    apiKey: "plain:k1",
    techToken: "env_tech",
    unknownEmail: "refuse",
  });
  expect(config.unreadable).toEqual(["getcourse.techToken"]);
  expect(config.salebot[0]).toMatchObject({ projectId: "200", apiKey: "env-sb-key", salebotField: "sb_200_id" });
  expect(config.salebot[1]).toMatchObject({ projectId: "300", apiKey: "plain:k3", salebotField: "sb_300_id" });
  expect(config.fields.telegram).toBe("tg_field");
});

test("the «Вызвать URL» carries the GetCourse webhook's own token and GetCourse's placeholders as they are", () => {
  const targets = pasteTargets("https://hub.example.com/", { link: "tok-123", getcourseWebhook: "gc-tok-456" });
  expect(targets.getcourseProcessUrl).toBe(
    "https://hub.example.com/api/webhooks/getcourse?token=gc-tok-456&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}&user_id={object.user.id}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}&offer={object.positions}&phone={object.user.phone}",
  );
  expect(targets.salebotWebhookUrl).toBe("https://hub.example.com/api/webhooks/salebot?token=tok-123");
  expect(targets.linkUrl).toBe("https://hub.example.com/api/link?token=tok-123");
  expect(JSON.parse(targets.linkBlockBody)).toEqual({
    email: "#{email}",
    telegram_id: "#{platform_id}",
    sb_id: "#{client_id}",
  });
});

// Keys follow their URL. The attack: an admin session (or whoever got one) changes only the
// account URL to a host they control; the next GetCourse call would carry the saved keys there.
const defaults = { getcourse: env.GETCOURSE_ACCOUNT_URL, salebot: env.SALEBOT_API_URL };
const sealed = (value: string) => ({ sealed: value, hint: value.slice(-4) });

const savedKeys = storedIntegrationsSchema.parse({
  getcourse: { accountUrl: "https://school.getcourse.ru", apiKey: sealed("gc-key"), techToken: sealed("tech") },
  salebot: [{ apiKey: sealed("sb-key") }],
});

function apply(stored = savedKeys, input: IntegrationSettingsInput) {
  return applyIntegrationInput(stored, integrationSettingsInputSchema.parse(input), defaults);
}

test("changing only the GetCourse URL to another host drops the saved key and Tech token", () => {
  const next = apply(savedKeys, { getcourse: { accountUrl: "https://attacker.example" } });
  expect(next.getcourse).toEqual({ accountUrl: "https://attacker.example", apiKey: null, techToken: null });
  const config = mergeIntegrationConfig(env, next, open);
  // Neither the saved keys nor the environment's go to the new host.
  expect(config.getcourse).toEqual({
    accountUrl: "https://attacker.example",
    apiKey: undefined,
    techToken: undefined,
    unknownEmail: "refuse",
  });
});

test("a new URL entered together with its keys keeps them; the same host keeps the saved keys", () => {
  const moved = apply(savedKeys, {
    getcourse: {
      accountUrl: "https://other.getcourse.ru",
      apiKey: "new-api-key-0001",
      techToken: "new_tech_token_0002",
    },
  });
  expect(moved.getcourse).toMatchObject({
    accountUrl: "https://other.getcourse.ru",
    apiKey: { hint: "0001" },
    techToken: { hint: "0002" },
  });
  const samehost = apply(savedKeys, { getcourse: { accountUrl: "https://school.getcourse.ru/" } });
  expect(samehost.getcourse.apiKey).toEqual(sealed("gc-key"));
  expect(samehost.getcourse.techToken).toEqual(sealed("tech"));
});

test("the environment's GetCourse keys go only to the environment's URL", () => {
  const stored = apply(EMPTY_STORED_INTEGRATIONS, { getcourse: { accountUrl: "http://10.0.0.5:8080" } });
  expect(mergeIntegrationConfig(env, stored, open).getcourse).toEqual({
    accountUrl: "http://10.0.0.5:8080",
    apiKey: undefined,
    techToken: undefined,
    unknownEmail: "refuse",
  });
  // Clearing the saved URL again returns to the environment with its keys.
  const back = apply(stored, { getcourse: { accountUrl: "" } });
  expect(mergeIntegrationConfig(env, back, open).getcourse).toEqual({
    accountUrl: "https://school.getcourse.ru",
    apiKey: "env-gc-key",
    techToken: "env_tech",
    unknownEmail: "refuse",
  });
});

test("the Salebot API URL is bound the same way", () => {
  const next = apply(savedKeys, { salebot: { index: 0, apiUrl: "https://attacker.example/api" } });
  expect(next.salebot[0]?.apiKey).toBeNull();
  expect(mergeIntegrationConfig(env, next, open).salebot[0]?.apiKey).toBeUndefined();
  const unchangedHost = apply(savedKeys, { salebot: { index: 0, apiUrl: "https://chatter.salebot.pro/api/" } });
  expect(unchangedHost.salebot[0]?.apiKey).toEqual(sealed("sb-key"));
});

test("sameOrigin compares scheme, host and port", () => {
  expect(sameOrigin("https://a.getcourse.ru", "https://a.getcourse.ru/")).toBe(true);
  expect(sameOrigin("https://a.getcourse.ru", "http://a.getcourse.ru")).toBe(false);
  expect(sameOrigin("https://a.getcourse.ru", "https://a.getcourse.ru:8443")).toBe(false);
  expect(sameOrigin(undefined, " ")).toBe(true);
});
