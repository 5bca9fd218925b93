import { getEnv, salebotFieldName } from "@/lib/env";
import { createGetCourseClient, type GetCourseClient } from "@/lib/getcourse";
import { createSalebotClient, type SalebotClient } from "@/lib/salebot/client";

/**
 * The outside services as the hub talks to them. Built from the environment on first use;
 * demo mode and tests install their own (pointed at the simulators) with `installIntegrations`.
 */
export type Integrations = {
  gc: GetCourseClient;
  sb: SalebotClient;
  /**
   * The same Salebot project with one HTTP try per call and a longer timeout: for callbacks, which
   * Salebot does not deduplicate, so only the delivery queue retries them (lib/events/deliveries.ts).
   * Absent → `sb` is used.
   */
  sbNoRetry?: SalebotClient;
  projectId: string;
  fields: { telegram: string; salebot: string };
};

/**
 * The synchronous link path must answer within 10 s even when GetCourse hangs: two tries of at
 * most 3 s per call keep two sequential calls under that, and the queue does the long retrying.
 */
export const INTERACTIVE_CALLS = { timeoutMs: 3_000, retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 400 } };

/** Queued, non-idempotent sends: no page waits on them, so a slow Salebot gets time instead of a second copy. */
export const SINGLE_TRY_CALLS = { timeoutMs: 10_000, retry: { attempts: 1 } };

const cache = globalThis as unknown as { hubIntegrations?: Integrations };

export function integrationsFromEnv(): Integrations {
  const env = getEnv();
  if (!env.GETCOURSE_ACCOUNT_URL || !env.GETCOURSE_API_KEY || !env.GETCOURSE_TECH_TOKEN) {
    throw new Error("GetCourse is not configured: set GETCOURSE_ACCOUNT_URL, GETCOURSE_API_KEY and GETCOURSE_TECH_TOKEN.");
  }
  if (!env.SALEBOT_API_KEY || !env.SALEBOT_PROJECT_ID) {
    throw new Error("Salebot is not configured: set SALEBOT_API_KEY and SALEBOT_PROJECT_ID.");
  }
  return {
    gc: createGetCourseClient({
      accountUrl: env.GETCOURSE_ACCOUNT_URL,
      apiKey: env.GETCOURSE_API_KEY,
      techToken: env.GETCOURSE_TECH_TOKEN,
      ...INTERACTIVE_CALLS,
    }),
    sb: createSalebotClient({
      apiUrl: env.SALEBOT_API_URL,
      apiKey: env.SALEBOT_API_KEY,
      projectId: env.SALEBOT_PROJECT_ID,
      botUsername: env.SALEBOT_BOT_USERNAME,
      ...INTERACTIVE_CALLS,
    }),
    sbNoRetry: createSalebotClient({
      apiUrl: env.SALEBOT_API_URL,
      apiKey: env.SALEBOT_API_KEY,
      projectId: env.SALEBOT_PROJECT_ID,
      botUsername: env.SALEBOT_BOT_USERNAME,
      ...SINGLE_TRY_CALLS,
    }),
    projectId: env.SALEBOT_PROJECT_ID,
    fields: { telegram: env.GC_FIELD_TELEGRAM, salebot: salebotFieldName(env) },
  };
}

export function getIntegrations(): Integrations {
  cache.hubIntegrations ??= integrationsFromEnv();
  return cache.hubIntegrations;
}

export function installIntegrations(integrations: Integrations | undefined): void {
  cache.hubIntegrations = integrations;
}
