import { getEnv } from "@/lib/env";
import { keyModeOf } from "@/lib/getcourse";
import { latestBackfillProgress } from "./backfill-view";
import { latestStartLinkRun } from "@/lib/linking/start-link/field-write";
import { legacyGetCourseLinkTokenSetting, tokenStatuses } from "./api-tokens";
import { lastFieldCheck } from "./field-check";
import { listUpstreamSamples } from "./upstream-samples";
import { mergedConfig, readStoredIntegrations } from "./integration-settings";
import { maskSealed } from "./secrets";
import { maskSecret } from "./mask";

/**
 * What the Settings page shows: each integration value with where it comes from. Secrets leave
 * the server only masked; non-secret overrides are sent as they are so the form can hold them.
 */

export type FieldSource = "settings" | "env" | "unset";

export type FieldView = {
  name: string;
  secret: boolean;
  /** The value in effect (masked for secrets). */
  effective: string;
  /** The saved override as the form should hold it: the value, or for a secret its mask. */
  saved: string;
  source: FieldSource;
  /** A saved secret AUTH_SECRET cannot open: the environment's value applies meanwhile. */
  unreadable: boolean;
};

function textField(name: string, saved: string | null | undefined, effective: string | undefined): FieldView {
  const override = saved?.trim() ? saved.trim() : "";
  return {
    name,
    secret: false,
    effective: effective ?? "",
    saved: override,
    source: override ? "settings" : effective ? "env" : "unset",
    unreadable: false,
  };
}

function secretField(
  name: string,
  path: string,
  saved: { sealed: string; hint: string } | null | undefined,
  effective: string | undefined,
  unreadable: readonly string[],
): FieldView {
  const broken = unreadable.includes(path);
  const fromSettings = Boolean(saved) && !broken;
  return {
    name,
    secret: true,
    effective: maskSecret(effective),
    saved: maskSealed(saved) ?? "",
    source: fromSettings ? "settings" : effective ? "env" : "unset",
    unreadable: broken,
  };
}

export async function getSettingsView() {
  const stored = await readStoredIntegrations();
  const config = mergedConfig(stored);
  const project = config.salebot[0];
  const storedProject = stored.salebot[0];
  const getcourse = [
    textField("accountUrl", stored.getcourse.accountUrl, config.getcourse.accountUrl),
    secretField("apiKey", "getcourse.apiKey", stored.getcourse.apiKey, config.getcourse.apiKey, config.unreadable),
    secretField(
      "techToken",
      "getcourse.techToken",
      stored.getcourse.techToken,
      config.getcourse.techToken,
      config.unreadable,
    ),
  ];
  const salebot = [
    textField("apiUrl", storedProject?.apiUrl, project?.apiUrl),
    secretField("apiKey", "salebot.0.apiKey", storedProject?.apiKey, project?.apiKey, config.unreadable),
    textField("projectId", storedProject?.projectId, project?.projectId),
    textField("botUsername", storedProject?.botUsername, project?.botUsername),
    textField("salebotField", storedProject?.salebotField, project?.salebotField),
  ];
  const fields = [textField("telegram", stored.fields.telegram, config.fields.telegram)];
  const [tokens, legacyGetCourseLinkToken, backfill, fieldCheck, samples, startLinkRun] = await Promise.all([
    tokenStatuses(),
    legacyGetCourseLinkTokenSetting(),
    latestBackfillProgress(),
    lastFieldCheck(),
    listUpstreamSamples(),
    latestStartLinkRun(),
  ]);
  const { accountUrl, apiKey, techToken } = config.getcourse;
  return {
    getcourse,
    /** How links write the keys with what is configured now; null when GetCourse is not configured. */
    keyMode: accountUrl && (apiKey || techToken) ? keyModeOf({ techToken }) : null,
    unknownEmail: config.getcourse.unknownEmail ?? "refuse",
    fieldCheck,
    samples,
    salebot,
    /** Projects added beyond the environment's: kept by the data model, edited here later. */
    extraProjects: config.salebot.slice(1).map((extra) => extra.projectId ?? "?"),
    fields,
    unreadable: config.unreadable.length > 0 || tokens.some((token) => token.unreadable),
    tokens,
    /** The GetCourse webhook still accepts the link token (processes pasted before it had its own). */
    legacyGetCourseLinkToken,
    backfill,
    /** Personal start links: the GetCourse field they are written to, and the last "write all" run. */
    startLinks: { field: getEnv().GC_FIELD_START_LINK, run: startLinkRun },
    appUrl: getEnv().APP_URL,
    timeZone: getEnv().TIME_ZONE,
  };
}

export type SettingsView = Awaited<ReturnType<typeof getSettingsView>>;
