import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { setIntegrationConfig } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import {
  EMPTY_STORED_INTEGRATIONS,
  INTEGRATIONS_SETTINGS_KEY,
  mergeIntegrationConfig,
  sameOrigin,
  storedIntegrationsSchema,
  type IntegrationConfig,
  type SealedSecret,
  type StoredIntegrations,
  type StoredSalebotProject,
} from "./integration-config";
import { maskSealed, openSecret, sealSecret } from "./secrets";

/**
 * The integration settings an admin saves: read, validated, stored (secrets sealed), audited and
 * handed to lib/integrations.ts, so the next call to GetCourse or Salebot uses them.
 */

type Reader = { setting: Pick<typeof db.setting, "findUnique"> };

export async function readStoredIntegrations(client: Reader = db): Promise<StoredIntegrations> {
  const row = await client.setting.findUnique({ where: { key: INTEGRATIONS_SETTINGS_KEY } });
  if (!row) return EMPTY_STORED_INTEGRATIONS;
  const parsed = storedIntegrationsSchema.safeParse(row.value);
  if (parsed.success) return parsed.data;
  // A row that no longer parses must not take the hub down: the environment still applies.
  log.warn("stored integration settings are invalid; using the environment", {
    issues: parsed.error.issues.map((i) => i.message),
  });
  return EMPTY_STORED_INTEGRATIONS;
}

export function mergedConfig(stored: StoredIntegrations): IntegrationConfig {
  return mergeIntegrationConfig(getEnv(), stored, openSecret);
}

/** Reads the stored settings and makes them the ones the hub's clients use. */
export async function loadIntegrationSettings(): Promise<IntegrationConfig> {
  const config = mergedConfig(await readStoredIntegrations());
  setIntegrationConfig(config);
  return config;
}

// Input: undefined leaves a value alone, null or "" removes the override (the environment applies again).
const blankToNull = (value: unknown) => (typeof value === "string" && value.trim() === "" ? null : value);
const text = (max: number) => z.preprocess(blankToNull, z.string().trim().max(max).nullable().optional());
const url = z.preprocess(
  blankToNull,
  z
    .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
    .nullable()
    .optional(),
);
/** A secret field: empty keeps the stored one (the form never shows it); `null` clears it. */
const secret = z.preprocess(
  (value) => (value === "" ? undefined : value),
  z.string().trim().min(1).max(500).nullable().optional(),
);

export const integrationSettingsInputSchema = z.object({
  getcourse: z
    .object({
      accountUrl: url,
      apiKey: secret,
      techToken: secret,
      unknownEmail: z.enum(["refuse", "create"]).optional(),
    })
    .optional(),
  salebot: z
    .object({
      /** Which project: 0 is the environment's. */
      index: z.int().min(0).max(50).default(0),
      apiUrl: url,
      apiKey: secret,
      projectId: z.preprocess(
        blankToNull,
        z.string().trim().regex(/^\d+$/, { error: "must be the numeric Salebot project id" }).nullable().optional(),
      ),
      botUsername: text(100),
      salebotField: text(100),
    })
    .optional(),
  fields: z.object({ telegram: text(100) }).optional(),
});
export type IntegrationSettingsInput = z.input<typeof integrationSettingsInputSchema>;
type IntegrationChange = z.output<typeof integrationSettingsInputSchema>;

function applyText<T>(current: T, next: T | undefined): T {
  return next === undefined ? current : next;
}

function applySecret(
  current: SealedSecret | null | undefined,
  next: string | null | undefined,
): SealedSecret | null | undefined {
  if (next === undefined) return current;
  return next === null ? null : sealSecret(next);
}

/** The addresses that apply when nothing is saved: a saved URL is compared with these. */
export type DefaultUrls = { getcourse?: string; salebot?: string };

/**
 * A saved secret whose address changed (to another host) and was not entered again with it: the
 * key belongs to the old address, so it is dropped rather than sent to the new one.
 */
function keepForUrl(
  secret: SealedSecret | null | undefined,
  urlChanged: boolean,
  entered: string | null | undefined,
): SealedSecret | null | undefined {
  return urlChanged && entered === undefined && secret ? null : secret;
}

export function applyIntegrationInput(
  stored: StoredIntegrations,
  input: IntegrationChange,
  defaults: DefaultUrls = {},
): StoredIntegrations {
  const next: StoredIntegrations = structuredClone(stored);
  if (input.getcourse) {
    const change = input.getcourse;
    next.getcourse.accountUrl = applyText(stored.getcourse.accountUrl, change.accountUrl);
    const moved = !sameOrigin(
      stored.getcourse.accountUrl || defaults.getcourse,
      next.getcourse.accountUrl || defaults.getcourse,
    );
    next.getcourse.apiKey = applySecret(keepForUrl(stored.getcourse.apiKey, moved, change.apiKey), change.apiKey);
    next.getcourse.techToken = applySecret(
      keepForUrl(stored.getcourse.techToken, moved, change.techToken),
      change.techToken,
    );
    next.getcourse.unknownEmail = applyText(stored.getcourse.unknownEmail, change.unknownEmail);
  }
  if (input.salebot) {
    const { index, ...change } = input.salebot;
    while (next.salebot.length <= index) next.salebot.push({});
    const current: StoredSalebotProject = next.salebot[index] ?? {};
    const apiUrl = applyText(current.apiUrl, change.apiUrl);
    const moved = !sameOrigin(current.apiUrl || defaults.salebot, apiUrl || defaults.salebot);
    next.salebot[index] = {
      apiUrl,
      apiKey: applySecret(keepForUrl(current.apiKey, moved, change.apiKey), change.apiKey),
      projectId: applyText(current.projectId, change.projectId),
      botUsername: applyText(current.botUsername, change.botUsername?.replace(/^@/, "")),
      salebotField: applyText(current.salebotField, change.salebotField),
    };
  }
  if (input.fields) next.fields.telegram = applyText(stored.fields.telegram, input.fields.telegram);
  return next;
}

/** Dotted path → comparable value and what may be shown (secrets as their mask). */
function flatten(stored: StoredIntegrations): Map<string, { compare: string; shown: string | null }> {
  const out = new Map<string, { compare: string; shown: string | null }>();
  const put = (path: string, value: string | null | undefined) =>
    out.set(path, { compare: value ?? "", shown: value ?? null });
  const putSecret = (path: string, value: SealedSecret | null | undefined) =>
    out.set(path, { compare: value?.sealed ?? "", shown: maskSealed(value) });
  put("getcourse.accountUrl", stored.getcourse.accountUrl);
  putSecret("getcourse.apiKey", stored.getcourse.apiKey);
  putSecret("getcourse.techToken", stored.getcourse.techToken);
  put("getcourse.unknownEmail", stored.getcourse.unknownEmail);
  stored.salebot.forEach((project, index) => {
    put(`salebot.${index}.apiUrl`, project.apiUrl);
    putSecret(`salebot.${index}.apiKey`, project.apiKey);
    put(`salebot.${index}.projectId`, project.projectId);
    put(`salebot.${index}.botUsername`, project.botUsername);
    put(`salebot.${index}.salebotField`, project.salebotField);
  });
  put("fields.telegram", stored.fields.telegram);
  return out;
}

/** Only what changed, secrets masked: the audit log must never hold a key. */
export function auditDiff(
  before: StoredIntegrations,
  after: StoredIntegrations,
): { before: Record<string, string | null>; after: Record<string, string | null> } {
  const a = flatten(before);
  const b = flatten(after);
  const diff = { before: {} as Record<string, string | null>, after: {} as Record<string, string | null> };
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(path)?.compare ?? "") === (b.get(path)?.compare ?? "")) continue;
    diff.before[path] = a.get(path)?.shown ?? null;
    diff.after[path] = b.get(path)?.shown ?? null;
  }
  return diff;
}

/** Saved secrets the change removed though nobody cleared them: dropped because their URL changed. */
function droppedSecrets(before: StoredIntegrations, after: StoredIntegrations, change: IntegrationChange): string[] {
  const dropped: string[] = [];
  const gone = (
    was: SealedSecret | null | undefined,
    now: SealedSecret | null | undefined,
    entered: string | null | undefined,
  ) => Boolean(was) && !now && entered !== null;
  if (gone(before.getcourse.apiKey, after.getcourse.apiKey, change.getcourse?.apiKey)) dropped.push("getcourse.apiKey");
  if (gone(before.getcourse.techToken, after.getcourse.techToken, change.getcourse?.techToken))
    dropped.push("getcourse.techToken");
  before.salebot.forEach((project, index) => {
    const entered = change.salebot?.index === index ? change.salebot.apiKey : undefined;
    if (gone(project.apiKey, after.salebot[index]?.apiKey, entered)) dropped.push(`salebot.${index}.apiKey`);
  });
  return dropped;
}

export type SavedIntegrations = { config: IntegrationConfig; cleared: string[] };

/**
 * Validates (ZodError on bad input), stores, audits and applies. Answers the new merged config and
 * the saved secrets dropped because their URL changed (the page asks for them again).
 */
export async function saveIntegrationSettings(
  actor: AuditActor,
  input: IntegrationSettingsInput,
): Promise<SavedIntegrations> {
  const change = integrationSettingsInputSchema.parse(input);
  const env = getEnv();
  let cleared: string[] = [];
  const next = await db.$transaction(async (tx) => {
    const before = await readStoredIntegrations(tx);
    const after = applyIntegrationInput(before, change, {
      getcourse: env.GETCOURSE_ACCOUNT_URL,
      salebot: env.SALEBOT_API_URL,
    });
    cleared = droppedSecrets(before, after, change);
    const diff = auditDiff(before, after);
    if (Object.keys(diff.after).length === 0) return after;
    const value = after as unknown as Prisma.InputJsonValue;
    await tx.setting.upsert({
      where: { key: INTEGRATIONS_SETTINGS_KEY },
      create: { key: INTEGRATIONS_SETTINGS_KEY, value, updatedBy: actor?.email ?? null },
      update: { value, updatedBy: actor?.email ?? null },
    });
    await recordAudit(
      { actor, action: "settings.update", target: INTEGRATIONS_SETTINGS_KEY, before: diff.before, after: diff.after },
      tx,
    );
    return after;
  });
  const config = mergedConfig(next);
  setIntegrationConfig(config);
  return { config, cleared };
}
