import type { Socket } from "node:net";
import pg from "pg";
import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { loadTokenOverrides, API_TOKENS_SETTINGS_KEY } from "./api-tokens";
import { INTEGRATIONS_SETTINGS_KEY } from "./integration-config";
import { loadIntegrationSettings } from "./integration-settings";
import { envValue } from "@/lib/env";

/**
 * Brings this copy of lib/ in line with the saved settings. Guards and the GetCourse/Salebot
 * clients are synchronous, so they read what this loaded into memory. Every copy in the process
 * (the lean server, Next's instrumentation and route layers: see lib/process-singleton.ts) loads
 * and watches for itself; none is handed settings by another.
 */
export async function loadSettingsIntoProcess(): Promise<void> {
  await Promise.all([loadIntegrationSettings(), loadTokenOverrides()]);
}

const WATCHED = [INTEGRATIONS_SETTINGS_KEY, API_TOKENS_SETTINGS_KEY];
/** The channel the `settings` table's trigger notifies on every change (migration 20261206023507). */
const CHANNEL = "hub_settings_changed";

const watch: { timer?: NodeJS.Timeout; listener?: pg.Client; ready?: Promise<void> } = {};

async function stamp(): Promise<string> {
  const rows = await db.setting.findMany({
    where: { key: { in: WATCHED } },
    select: { key: true, updatedAt: true },
    orderBy: { key: "asc" },
  });
  return rows.map((row) => `${row.key}@${row.updatedAt.toISOString()}`).join(",");
}

/** LISTENs on a connection of its own; a lost one is opened again by the next periodic check. */
async function listen(onChange: () => void): Promise<void> {
  const connectionString = envValue("DATABASE_URL");
  if (!connectionString || watch.listener) return;
  const client = new pg.Client({
    connectionString,
    application_name: "hub-settings-listen",
    connectionTimeoutMillis: 5_000,
  });
  const drop = () => {
    if (watch.listener === client) watch.listener = undefined;
    void client.end().catch(() => {});
  };
  client.on("error", drop);
  client.on("end", drop);
  client.on("notification", onChange);
  watch.listener = client;
  try {
    await client.connect();
    // An idle listener must not keep a finished process (a CLI, a test worker) alive.
    (client as unknown as { connection?: { stream?: Socket } }).connection?.stream?.unref?.();
    await client.query(`LISTEN ${CHANNEL}`);
  } catch (error) {
    drop();
    throw error;
  }
}

/**
 * Loads now, then reloads when PostgreSQL reports a change (LISTEN), with a check every
 * `intervalMs` (one primary-key read) for a notification lost while the listener reconnected.
 */
export async function watchSettings(intervalMs = 15_000): Promise<void> {
  let seen = "";
  let running: Promise<void> | undefined;
  let again = false;
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
  // One check at a time; a change reported meanwhile runs one more after it.
  const request = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = check().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void request();
      }
    });
    return running;
  };
  const relisten = () =>
    listen(() => void request()).catch((error: unknown) =>
      log.warn("could not listen for settings changes", { error: String(error) }),
    );
  // Not awaited: with the database down at start-up the environment applies, as for the first load.
  void relisten();
  await request();
  if (watch.timer) clearInterval(watch.timer);
  watch.timer = setInterval(() => {
    void relisten();
    void request();
  }, intervalMs);
  watch.timer.unref();
}

/**
 * Resolves once this copy of lib/ has loaded the saved settings (starting its watch on first
 * call). Entry points await it before a token check or an outside call: the route wrapper
 * (lib/http.ts), the server actions' guards, instrumentation.ts and scripts/server.ts.
 */
export function settingsReady(): Promise<void> {
  watch.ready ??= watchSettings();
  return watch.ready;
}

/** Stops this copy's watch (shutdown, tests). */
export async function stopWatchingSettings(): Promise<void> {
  if (watch.timer) clearInterval(watch.timer);
  const listener = watch.listener;
  Object.assign(watch, { timer: undefined, listener: undefined, ready: undefined });
  await listener?.end().catch(() => {});
}
