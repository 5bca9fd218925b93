import { getEnv } from "@/lib/env";
import {
  createGetCourseClient,
  type GetCourseClient,
  type MalformedAnswerReport,
  type UnknownEmailPolicy,
} from "@/lib/getcourse";
import { createSalebotClient, type SalebotClient } from "@/lib/salebot/client";
import { salebotCallCounter } from "@/lib/salebot-quota/call-counter";
import { configFromEnv, type IntegrationConfig } from "@/lib/settings/integration-config";

/**
 * The outside services as the hub talks to them. Built on first use from the environment with
 * the Settings page's saved values laid over it (lib/settings/load.ts hands the merged config in
 * with `setIntegrationConfig`); demo mode and tests install their own (pointed at the
 * simulators) with `installIntegrations`.
 */
export type Integrations = {
  gc: GetCourseClient;
  sb: SalebotClient;
  /**
   * The same Salebot project with one HTTP try per call and a longer timeout: for callbacks, which
   * Salebot does not deduplicate, so only the delivery queue retries them (lib/deliveries/queue.ts).
   * Absent → `sb` is used.
   */
  sbNoRetry?: SalebotClient;
  projectId: string;
  fields: { telegram: string; salebot: string };
  /** The GC user field that receives personal start links (GC_FIELD_START_LINK); absent → the default. */
  startLinkField?: string;
  /** The project's Telegram bot, for personal start links (`t.me/<bot>?start=…`). */
  botUsername?: string;
  /** What a link does with an e-mail GetCourse does not know; the school key alone always creates. */
  unknownEmail: UnknownEmailPolicy;
};

/**
 * The synchronous link path must answer within 10 s even when GetCourse hangs: two tries of at
 * most 3 s per call keep two sequential calls under that, and the queue does the long retrying.
 */
export const INTERACTIVE_CALLS = { timeoutMs: 3_000, retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 400 } };

/** Queued, non-idempotent sends: no page waits on them, so a slow Salebot gets time instead of a second copy. */
export const SINGLE_TRY_CALLS = { timeoutMs: 10_000, retry: { attempts: 1 } };

/** Fire and forget: the caller is already handling the error this answer caused. */
function keepMalformedAnswer(service: "getcourse" | "salebot", sample: MalformedAnswerReport): void {
  void import("@/lib/settings/upstream-samples").then(({ recordUpstreamSample }) =>
    recordUpstreamSample({ service, ...sample }),
  );
}
const keepMalformedGetCourseAnswer = (sample: MalformedAnswerReport) => keepMalformedAnswer("getcourse", sample);
const keepMalformedSalebotAnswer = (sample: MalformedAnswerReport) => keepMalformedAnswer("salebot", sample);

// Per copy of lib/: each copy builds its own clients from the settings it loaded (lib/settings/load.ts),
// so what they throw is an instance of that copy's classes.
const cache: { built?: Integrations; installed?: Integrations; config?: IntegrationConfig } = {};

/** The clients for one merged configuration; throws a message naming what is missing. */
export function integrationsFromConfig(config: IntegrationConfig): Integrations {
  const { accountUrl, apiKey, techToken, unknownEmail } = config.getcourse;
  if (!accountUrl || (!apiKey && !techToken)) {
    throw new Error(
      "GetCourse is not configured: set GETCOURSE_ACCOUNT_URL and GETCOURSE_API_KEY (the school's secret key), and GETCOURSE_TECH_TOKEN if you have a developer key (or fill them in on the Settings page).",
    );
  }
  const project = config.salebot[0];
  if (!project?.apiKey || !project.projectId) {
    throw new Error(
      "Salebot is not configured: set SALEBOT_API_KEY and SALEBOT_PROJECT_ID (or fill them in on the Settings page).",
    );
  }
  const salebot = {
    apiUrl: project.apiUrl,
    apiKey: project.apiKey,
    projectId: project.projectId,
    botUsername: project.botUsername,
    countCall: salebotCallCounter(project.projectId),
    onMalformedAnswer: keepMalformedSalebotAnswer,
  };
  return {
    gc: createGetCourseClient({
      accountUrl,
      apiKey,
      techToken,
      onMalformedAnswer: keepMalformedGetCourseAnswer,
      ...INTERACTIVE_CALLS,
    }),
    sb: createSalebotClient({ ...salebot, ...INTERACTIVE_CALLS }),
    sbNoRetry: createSalebotClient({ ...salebot, ...SINGLE_TRY_CALLS }),
    projectId: project.projectId,
    fields: { telegram: config.fields.telegram, salebot: project.salebotField },
    startLinkField: getEnv().GC_FIELD_START_LINK,
    botUsername: project.botUsername,
    unknownEmail: unknownEmail ?? "refuse",
  };
}

/** The configuration the clients are built from: the merged one once loaded, else the environment alone. */
export function currentIntegrationConfig(): IntegrationConfig {
  return cache.config ?? configFromEnv(getEnv());
}

/** Hands in the merged configuration (after start-up load or a save) and drops the clients built from the old one. */
export function setIntegrationConfig(config: IntegrationConfig | undefined): void {
  cache.config = config;
  cache.built = undefined;
}

export function getIntegrations(): Integrations {
  if (cache.installed) return cache.installed;
  cache.built ??= integrationsFromConfig(currentIntegrationConfig());
  return cache.built;
}

/** Clients that win over the configuration until uninstalled: a (re)load of the settings leaves them in place. */
export function installIntegrations(integrations: Integrations | undefined): void {
  cache.installed = integrations;
}
