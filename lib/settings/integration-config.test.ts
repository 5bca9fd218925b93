import { expect, test } from "vitest";
import { parseEnv } from "@/lib/env";
import { pasteTargets } from "./call-urls";
import { configFromEnv, mergeIntegrationConfig, storedIntegrationsSchema } from "./integration-config";

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
  expect(config.getcourse).toEqual({ accountUrl: "https://school.getcourse.ru", apiKey: "env-gc-key", techToken: "env_tech" });
  expect(config.salebot).toEqual([{ apiUrl: "https://chatter.salebot.pro/api", apiKey: "env-sb-key", projectId: "100", botUsername: undefined, salebotField: "sb_100_id" }]);
  expect(config.fields.telegram).toBe("telegram_id");
});

test("saved values win over the environment; blanks and unreadable secrets fall back", () => {
  const stored = storedIntegrationsSchema.parse({
    getcourse: { accountUrl: " ", apiKey: { sealed: "k1", hint: "" }, techToken: { sealed: "broken", hint: "" } },
    salebot: [{ projectId: "200" }, { projectId: "300", apiKey: { sealed: "k3", hint: "" } }],
    fields: { telegram: "tg_field" },
  });
  const config = mergeIntegrationConfig(env, stored, open);
  expect(config.getcourse).toEqual({ accountUrl: "https://school.getcourse.ru", apiKey: "plain:k1", techToken: "env_tech" });
  expect(config.unreadable).toEqual(["getcourse.techToken"]);
  expect(config.salebot[0]).toMatchObject({ projectId: "200", apiKey: "env-sb-key", salebotField: "sb_200_id" });
  expect(config.salebot[1]).toMatchObject({ projectId: "300", apiKey: "plain:k3", salebotField: "sb_300_id" });
  expect(config.fields.telegram).toBe("tg_field");
});

test("the «Вызвать URL» carries the GetCourse webhook's own token and GetCourse's placeholders as they are", () => {
  const targets = pasteTargets("https://hub.example.com/", { link: "tok-123", getcourseWebhook: "gc-tok-456" });
  expect(targets.getcourseProcessUrl).toBe(
    "https://hub.example.com/api/webhooks/getcourse?token=gc-tok-456&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}&user_id={object.user.id}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}&offer={object.positions}",
  );
  expect(targets.salebotWebhookUrl).toBe("https://hub.example.com/api/webhooks/salebot?token=tok-123");
  expect(targets.linkUrl).toBe("https://hub.example.com/api/link?token=tok-123");
  expect(JSON.parse(targets.linkBlockBody)).toEqual({ email: "#{email}", telegram_id: "#{platform_id}", sb_id: "#{client_id}" });
});
