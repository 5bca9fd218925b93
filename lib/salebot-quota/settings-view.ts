import { currentIntegrationConfig } from "@/lib/integrations";
import { salebotUsage, type SalebotUsage } from "./usage";
import { getSalebotVariablesSetting } from "./variables-setting";

/** Days of Salebot API calls shown on Settings. */
export const USAGE_DAYS = 14;
/** The window the first-sight fetch's cost is stated for. */
const COST_DAYS = 7;

export type SalebotUsageView = {
  projectId: string | null;
  usage: SalebotUsage | null;
  fetchOnFirstSight: boolean;
  lastWeekGetVariables: number;
};

/** What the Settings card shows for the configured Salebot project (the one the hub calls). */
export async function getSalebotUsageView(now: Date = new Date()): Promise<SalebotUsageView> {
  const projectId = currentIntegrationConfig().salebot[0]?.projectId || null;
  const [setting, usage] = await Promise.all([
    getSalebotVariablesSetting(),
    projectId ? salebotUsage(projectId, USAGE_DAYS, now) : null,
  ]);
  const lastWeekGetVariables = usage
    ? usage.days.slice(0, COST_DAYS).reduce((sum, day) => sum + day.getVariables, 0)
    : 0;
  return { projectId, usage, fetchOnFirstSight: setting.fetchOnFirstSight, lastWeekGetVariables };
}
