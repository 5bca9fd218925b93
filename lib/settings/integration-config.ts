import { z } from "zod";
import type { Env } from "@/lib/env";
import type { UnknownEmailPolicy } from "@/lib/getcourse";

/**
 * The integration part of the configuration: the environment, with what an admin saved on the
 * Settings page laid over it. Pure (the caller opens the sealed secrets), so the merge rules
 * have unit tests and lib/integrations.ts can use them without touching the database.
 */

/** A secret as stored: the AES-GCM blob and the last characters shown in the UI. */
export const sealedSecretSchema = z.object({ sealed: z.string().min(1), hint: z.string() });
export type SealedSecret = z.infer<typeof sealedSecretSchema>;

const storedProjectSchema = z.object({
  apiUrl: z.string().nullish(),
  apiKey: sealedSecretSchema.nullish(),
  projectId: z.string().nullish(),
  botUsername: z.string().nullish(),
  salebotField: z.string().nullish(),
});

/** The `integrations` row. Every part optional: absent means "as in the environment". */
export const storedIntegrationsSchema = z.object({
  getcourse: z
    .object({
      accountUrl: z.string().nullish(),
      apiKey: sealedSecretSchema.nullish(),
      techToken: sealedSecretSchema.nullish(),
      /** What a link does with an e-mail GetCourse does not know (issue 12). */
      unknownEmail: z.enum(["refuse", "create"]).nullish(),
    })
    .prefault({}),
  /** Index 0 overrides the project of the environment; further entries are extra projects. */
  salebot: z.array(storedProjectSchema).default([]),
  fields: z.object({ telegram: z.string().nullish() }).prefault({}),
});
export type StoredIntegrations = z.output<typeof storedIntegrationsSchema>;
export type StoredSalebotProject = z.output<typeof storedProjectSchema>;

export const INTEGRATIONS_SETTINGS_KEY = "integrations";
export const EMPTY_STORED_INTEGRATIONS: StoredIntegrations = storedIntegrationsSchema.parse({});

export type SalebotProjectConfig = {
  apiUrl: string;
  apiKey?: string;
  projectId?: string;
  botUsername?: string;
  /** The GC custom field holding this project's Salebot client id. */
  salebotField: string;
};

export type IntegrationConfig = {
  getcourse: { accountUrl?: string; apiKey?: string; techToken?: string; unknownEmail?: UnknownEmailPolicy };
  /** The environment's project first (with its saved overrides), then projects added in Settings. */
  salebot: SalebotProjectConfig[];
  fields: { telegram: string };
  /** Stored secrets that could not be opened (AUTH_SECRET changed): these fall back to the environment. */
  unreadable: string[];
};

export type OpenSecret = (secret: SealedSecret) => string;

const present = (value: string | null | undefined): string | undefined =>
  value && value.trim() !== "" ? value.trim() : undefined;

/**
 * Whether two base URLs reach the same host (scheme, host and port). Keys belong to the address
 * they were configured for: a changed URL must not carry them to a new host.
 */
export function sameOrigin(a: string | null | undefined, b: string | null | undefined): boolean {
  const origin = (value: string | null | undefined) => {
    const url = present(value);
    if (!url) return "";
    try {
      return new URL(url).origin;
    } catch {
      return url;
    }
  };
  return origin(a) === origin(b);
}

function projectFrom(
  stored: StoredSalebotProject | undefined,
  base: Omit<SalebotProjectConfig, "salebotField"> & { salebotField?: string },
  apiKey: string | undefined,
): SalebotProjectConfig {
  const projectId = present(stored?.projectId) ?? base.projectId;
  return {
    apiUrl: present(stored?.apiUrl) ?? base.apiUrl,
    apiKey,
    projectId,
    botUsername: present(stored?.botUsername) ?? base.botUsername,
    salebotField: present(stored?.salebotField) ?? base.salebotField ?? `sb_${projectId ?? "project"}_id`,
  };
}

export function mergeIntegrationConfig(env: Env, stored: StoredIntegrations, open: OpenSecret): IntegrationConfig {
  const unreadable: string[] = [];
  const secret = (
    name: string,
    value: SealedSecret | null | undefined,
    fallback: string | undefined,
  ): string | undefined => {
    if (!value) return fallback;
    try {
      return open(value);
    } catch {
      unreadable.push(name);
      return fallback;
    }
  };
  const [first, ...extra] = stored.salebot;
  // The environment's keys go only to the environment's addresses; a URL saved in Settings needs
  // keys saved with it.
  const gcUrl = present(stored.getcourse.accountUrl) ?? env.GETCOURSE_ACCOUNT_URL;
  const gcEnvKeys = sameOrigin(gcUrl, env.GETCOURSE_ACCOUNT_URL);
  const sbEnvKey = sameOrigin(present(first?.apiUrl) ?? env.SALEBOT_API_URL, env.SALEBOT_API_URL)
    ? env.SALEBOT_API_KEY
    : undefined;
  const envProject = {
    apiUrl: env.SALEBOT_API_URL,
    projectId: env.SALEBOT_PROJECT_ID,
    botUsername: env.SALEBOT_BOT_USERNAME,
    // An explicit GC_FIELD_SALEBOT wins; otherwise the default follows the (possibly saved) project id.
    salebotField: env.GC_FIELD_SALEBOT,
  };
  const salebot = [
    projectFrom(first, envProject, secret("salebot.0.apiKey", first?.apiKey, sbEnvKey)),
    ...extra.map((project, index) =>
      projectFrom(
        project,
        { apiUrl: env.SALEBOT_API_URL },
        secret(`salebot.${index + 1}.apiKey`, project.apiKey, undefined),
      ),
    ),
  ];
  return {
    getcourse: {
      accountUrl: gcUrl,
      apiKey: secret("getcourse.apiKey", stored.getcourse.apiKey, gcEnvKeys ? env.GETCOURSE_API_KEY : undefined),
      techToken: secret(
        "getcourse.techToken",
        stored.getcourse.techToken,
        gcEnvKeys ? env.GETCOURSE_TECH_TOKEN : undefined,
      ),
      unknownEmail: stored.getcourse.unknownEmail ?? "refuse",
    },
    salebot,
    fields: { telegram: present(stored.fields.telegram) ?? env.GC_FIELD_TELEGRAM },
    unreadable,
  };
}

export function configFromEnv(env: Env): IntegrationConfig {
  return mergeIntegrationConfig(env, EMPTY_STORED_INTEGRATIONS, () => {
    throw new Error("nothing is stored");
  });
}
