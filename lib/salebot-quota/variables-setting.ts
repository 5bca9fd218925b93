import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { db } from "@/lib/db";

/**
 * Whether the hub calls `get_variables` once for every Salebot client it meets for the first time
 * (lib/salebot-variables). Each such call is one Salebot API call against the project's plan, so
 * it is a setting; on by default, as the hub always did. Stored as one row of `settings`.
 */
export const SALEBOT_VARIABLES_SETTING_KEY = "salebot_variables";

export const salebotVariablesSettingSchema = z.object({ fetchOnFirstSight: z.boolean().default(true) });
export type SalebotVariablesSetting = z.output<typeof salebotVariablesSettingSchema>;

const CACHE_MS = 10_000;
// Per copy of lib/ (see lib/process-singleton.ts): a short-lived copy of a database row, so each copy
// reads its own and none waits on another to refresh it.
const cache: { hubSalebotVariablesSetting?: { at: number; value: SalebotVariablesSetting } } = {};

export async function getSalebotVariablesSetting(): Promise<SalebotVariablesSetting> {
  const cached = cache.hubSalebotVariablesSetting;
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.value;
  const row = await db.setting.findUnique({ where: { key: SALEBOT_VARIABLES_SETTING_KEY } });
  // A row that no longer parses reads as the default rather than stopping the worker.
  const parsed = salebotVariablesSettingSchema.safeParse(row?.value ?? {});
  const value = parsed.success ? parsed.data : salebotVariablesSettingSchema.parse({});
  cache.hubSalebotVariablesSetting = { at: Date.now(), value };
  return value;
}

export async function updateSalebotVariablesSetting(
  actor: AuditActor,
  input: z.input<typeof salebotVariablesSettingSchema>,
): Promise<SalebotVariablesSetting> {
  cache.hubSalebotVariablesSetting = undefined;
  const before = await getSalebotVariablesSetting();
  const value = salebotVariablesSettingSchema.parse(input);
  const updatedBy = actor?.email ?? null;
  await db.setting.upsert({
    where: { key: SALEBOT_VARIABLES_SETTING_KEY },
    create: { key: SALEBOT_VARIABLES_SETTING_KEY, value, updatedBy },
    update: { value, updatedBy },
  });
  cache.hubSalebotVariablesSetting = { at: Date.now(), value };
  if (before.fetchOnFirstSight !== value.fetchOnFirstSight) {
    await recordAudit({
      actor,
      action: "settings.update",
      target: SALEBOT_VARIABLES_SETTING_KEY,
      before,
      after: value,
    });
  }
  return value;
}
