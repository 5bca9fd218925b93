import { recordAudit, type AuditActor } from "@/lib/audit";
import {
  clearForwardingSettingsCache,
  getForwardingSettings,
  saveForwardingSettings,
  type ForwardingSettings,
  type ForwardingSettingsInput,
} from "./settings";

/** Only the top-level parts that changed: forwarding settings hold no secrets. */
export function changedParts(
  before: ForwardingSettings,
  after: ForwardingSettings,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const diff = { before: {} as Record<string, unknown>, after: {} as Record<string, unknown> };
  for (const key of Object.keys(after) as (keyof ForwardingSettings)[]) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    diff.before[key] = before[key];
    diff.after[key] = after[key];
  }
  return diff;
}

/** Validates (ZodError), saves and audits the forwarding rules. */
export async function updateForwardingSettings(
  actor: AuditActor,
  input: ForwardingSettingsInput,
): Promise<ForwardingSettings> {
  // The cached copy may be seconds old; the audit must show what was really replaced.
  clearForwardingSettingsCache();
  const before = await getForwardingSettings();
  const after = await saveForwardingSettings(input, actor?.email);
  const diff = changedParts(before, after);
  if (Object.keys(diff.after).length > 0) {
    await recordAudit({
      actor,
      action: "settings.update",
      target: "forwarding",
      before: JSON.parse(JSON.stringify(diff.before)),
      after: JSON.parse(JSON.stringify(diff.after)),
    });
  }
  return after;
}
