import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { db } from "@/lib/db";

/**
 * Whether a unique phone match links on its own (issue 16). Off by default: a phone shared by
 * family members or a reused number would link a stranger, so a school turns it on knowingly.
 * E-mail matches always wait for staff: anyone can type anyone's address into a chat.
 */
export const MATCHING_SETTING_KEY = "matching";

export const matchingSettingSchema = z.object({ autoLinkPhone: z.boolean().default(false) });
export type MatchingSetting = z.output<typeof matchingSettingSchema>;

export async function getMatchingSetting(): Promise<MatchingSetting> {
  const row = await db.setting.findUnique({ where: { key: MATCHING_SETTING_KEY } });
  const parsed = matchingSettingSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : matchingSettingSchema.parse({});
}

export async function updateMatchingSetting(
  actor: AuditActor,
  input: z.input<typeof matchingSettingSchema>,
): Promise<MatchingSetting> {
  const before = await getMatchingSetting();
  const value = matchingSettingSchema.parse(input);
  const updatedBy = actor?.email ?? null;
  await db.setting.upsert({
    where: { key: MATCHING_SETTING_KEY },
    create: { key: MATCHING_SETTING_KEY, value, updatedBy },
    update: { value, updatedBy },
  });
  if (before.autoLinkPhone !== value.autoLinkPhone) {
    await recordAudit({ actor, action: "settings.update", target: MATCHING_SETTING_KEY, before, after: value });
  }
  return value;
}
