import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { loadTokenOverrides, API_TOKENS_SETTINGS_KEY } from "./api-tokens";
import { INTEGRATIONS_SETTINGS_KEY } from "./integration-config";
import { loadIntegrationSettings } from "./integration-settings";

/**
 * Brings this process in line with the saved settings: at start-up (instrumentation.ts), and
 * whenever another process (the import CLI, a second server) changed them. Guards and the
 * GetCourse/Salebot clients are synchronous, so they read what this loaded into memory.
 */
export async function loadSettingsIntoProcess(): Promise<void> {
  await Promise.all([loadIntegrationSettings(), loadTokenOverrides()]);
}

const WATCHED = [INTEGRATIONS_SETTINGS_KEY, API_TOKENS_SETTINGS_KEY];
const holder = globalThis as unknown as { hubSettingsWatch?: NodeJS.Timeout };

async function stamp(): Promise<string> {
  const rows = await db.setting.findMany({ where: { key: { in: WATCHED } }, select: { key: true, updatedAt: true }, orderBy: { key: "asc" } });
  return rows.map((row) => `${row.key}@${row.updatedAt.toISOString()}`).join(",");
}

/** Loads now, then checks every `intervalMs` (one primary-key read) and reloads on a change. */
export async function watchSettings(intervalMs = 15_000): Promise<void> {
  let seen = "";
  const check = async () => {
    try {
      const current = await stamp();
      if (current === seen) return;
      await loadSettingsIntoProcess();
      seen = current;
    } catch (error) {
      // The database may be down at start-up; the environment applies until the next check works.
      log.warn("could not load saved settings; trying again", { error: String(error) });
    }
  };
  await check();
  if (holder.hubSettingsWatch) clearInterval(holder.hubSettingsWatch);
  holder.hubSettingsWatch = setInterval(() => void check(), intervalMs);
  holder.hubSettingsWatch.unref();
}
