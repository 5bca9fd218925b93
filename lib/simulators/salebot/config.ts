import type { SimResponse } from "@/lib/simulators/shared/http-server";

/**
 * Every behaviour the doc marks as inferred ([I]/[P]) is a switch here, changeable at run time
 * through `sim.config`, so tests can check the client against each plausible variant.
 */
/**
 * Where public sources disagree (issue 12): `live` plays the shapes practitioners report from the
 * running service (the default), `published` the shapes Salebot's docs print, so tests cover both.
 */
export type SalebotShapes = "live" | "published";

export type SalebotSimulatorConfig = {
  /** The preset the switches below started from; changing it at run time changes nothing by itself. */
  shapes: SalebotShapes;
  /** Keys the project accepts; any other key gets `unknownKeyAnswer`. */
  apiKeys: string[];
  projectId: number;
  /** How an unknown key is rejected: undocumented, see `SALEBOT_REJECTIONS`. */
  unknownKeyAnswer: SimResponse;
  /** false: every call gets `noApiPlanAnswer` (API works only on «Бизнес»/«Инфобиз», doc §2.8). */
  planHasApi: boolean;
  noApiPlanAnswer: SimResponse;
  /** callback/message/save_variables/get_* for a client that does not exist. */
  clientNotFoundAnswer: SimResponse;
  /** `find_client_id_by_var` with no match: undocumented. */
  findByVarNotFound: "fail_message" | "http_404" | "null_client_id";
  /** Body of callback, message, save_variables, ...: the doc only says «200 OK». */
  acknowledgement: "json_success" | "empty" | "ok_text";
  /** `get_variables` values: as saved, or every value a string, as Salebot keeps variables (public code does `+user['…']`, `JSON.parse(value)`). */
  variableValuesAsStrings: boolean;
  /** `get_variables`: flat dict [P] or `{status, variables}` as one snippet reads it. */
  getVariablesShape: "flat" | "nested";
  /** Where a callback's extra keys are stored: undocumented. */
  callbackVariablesScope: "deal" | "client";
  /** Whether `tg_callback` for an unknown Telegram user creates the client. */
  tgCallbackCreatesClient: boolean;
  /** Project webhook URL; null = no outgoing webhooks from API calls. */
  webhookUrl: string | null;
  /** Whether a callback (a hidden message) fires the webhook too. `message` always does. */
  webhookOnCallback: boolean;
  webhookAttachmentsAsRepr: boolean;
};

export const SALEBOT_REJECTIONS = {
  http401Json: { status: 401, body: { status: "fail", message: "Invalid api key" } },
  http403Json: { status: 403, body: { status: "error", message: "Forbidden: api key has no permission" } },
  http200Fail: { status: 200, body: { status: "fail", message: "Api key not found" } },
  /** Indistinguishable from an unknown action: a client can only call it not_found. */
  http404Html: {
    status: 404,
    body: "<html><body><h1>Not Found</h1></body></html>",
    headers: { "content-type": "text/html" },
  },
} as const satisfies Record<string, SimResponse>;

export const SALEBOT_NO_API_PLAN_ANSWERS = {
  http200Fail: { status: 200, body: { status: "fail", message: "API недоступно на вашем тарифе" } },
  http402: { status: 402, body: { status: "fail", message: "Payment required" } },
  http403Tariff: { status: 403, body: { status: "error", message: "Your tariff plan does not include API" } },
} as const satisfies Record<string, SimResponse>;

/**
 * live: attachments in webhooks as a Python repr string (mityalenshin/salebot-broadcaster-public,
 * SALEBOT_MONITOR_SETUP.md), variables as strings, writes answered `{"status":"success"}` (the
 * status every documented CRM write returns). published: attachments as a JSON array and writes
 * answered with an empty 200 («Response 200: OK»), as docs.salebot.pro prints them.
 */
export const SALEBOT_SHAPE_PRESETS = {
  live: { webhookAttachmentsAsRepr: true, variableValuesAsStrings: true, acknowledgement: "json_success" },
  published: { webhookAttachmentsAsRepr: false, variableValuesAsStrings: false, acknowledgement: "empty" },
} as const satisfies Record<SalebotShapes, Partial<SalebotSimulatorConfig>>;

export function defaultSalebotSimulatorConfig(overrides: Partial<SalebotSimulatorConfig> = {}): SalebotSimulatorConfig {
  const shapes = overrides.shapes ?? "live";
  return {
    shapes,
    apiKeys: ["sim-salebot-key-0001"],
    projectId: 100_001,
    unknownKeyAnswer: SALEBOT_REJECTIONS.http401Json,
    planHasApi: true,
    noApiPlanAnswer: SALEBOT_NO_API_PLAN_ANSWERS.http200Fail,
    // The order endpoints' documented shape [C], reused for the undocumented cases.
    clientNotFoundAnswer: { status: 200, body: { status: "client_not_found" } },
    findByVarNotFound: "fail_message",
    getVariablesShape: "flat",
    callbackVariablesScope: "deal",
    tgCallbackCreatesClient: false,
    webhookUrl: null,
    webhookOnCallback: false,
    ...SALEBOT_SHAPE_PRESETS[shapes],
    ...overrides,
  };
}
