import type PgBoss from "pg-boss";
import { db } from "@/lib/db";
import { type Env, getEnv } from "@/lib/env";
import { log } from "./log";

/**
 * An optional alert to a Telegram chat when link failures spike. Every minute one job (a pg-boss
 * cron job: one run per minute across all instances) counts failed or queued link attempts of the
 * last 10 minutes. Crossing ALERT_FAILURES_THRESHOLD sends one message; the spike is over when the
 * count falls below half the threshold (so a count hovering at the line does not send a message a
 * minute), and only then can the next spike alert again. The state lives in the settings table, so
 * a restart or another instance does not repeat the message. The bot token is part of the Bot API
 * URL and is never logged.
 */
export const ALERTS_QUEUE = "ops-alerts";
export const ALERT_WINDOW_MINUTES = 10;
const STATE_KEY = "alerts.failure_spike";
const SEND_TIMEOUT_MS = 10_000;

export type AlertConfig = { token: string; chatId: string; apiUrl: string; threshold: number; appUrl?: string };
type SpikeState = { active: boolean; since?: string };
export type AlertCheck = { failures: number; threshold: number; sent: boolean; active: boolean };

export function alertConfig(env: Env = getEnv()): AlertConfig | null {
  if (!env.ALERT_TELEGRAM_BOT_TOKEN || !env.ALERT_TELEGRAM_CHAT_ID) return null;
  return {
    token: env.ALERT_TELEGRAM_BOT_TOKEN,
    chatId: env.ALERT_TELEGRAM_CHAT_ID,
    apiUrl: env.ALERT_TELEGRAM_API_URL.replace(/\/+$/, ""),
    threshold: env.ALERT_FAILURES_THRESHOLD,
    appUrl: env.APP_URL,
  };
}

async function recentFailures(now: Date): Promise<{ total: number; byCode: { code: string; count: number }[] }> {
  const since = new Date(now.getTime() - ALERT_WINDOW_MINUTES * 60_000);
  const byCode = await db.$queryRaw<{ code: string; count: number }[]>`
    SELECT coalesce(error_code, 'unknown') AS code, count(*)::int AS count
    FROM link_attempts WHERE outcome <> 'success' AND created_at > ${since}
    GROUP BY 1 ORDER BY 2 DESC`;
  return { total: byCode.reduce((sum, row) => sum + row.count, 0), byCode };
}

async function readState(): Promise<SpikeState> {
  const row = await db.setting.findUnique({ where: { key: STATE_KEY } });
  const value = row?.value as { active?: unknown; since?: unknown } | undefined;
  return { active: value?.active === true, since: typeof value?.since === "string" ? value.since : undefined };
}

async function writeState(state: SpikeState): Promise<void> {
  await db.setting.upsert({
    where: { key: STATE_KEY },
    create: { key: STATE_KEY, value: state, updatedBy: "alerts" },
    update: { value: state, updatedBy: "alerts" },
  });
}

/** The token must never reach a log line, whatever an error message quotes. */
function redact(text: string, token: string): string {
  return text.split(token).join("***");
}

export async function sendTelegramMessage(config: AlertConfig, text: string): Promise<void> {
  const response = await fetch(`${config.apiUrl}/bot${config.token}/sendMessage`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ chat_id: config.chatId, text, disable_web_page_preview: true }),
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  if (!response.ok) {
    const body = (await response.text().catch(() => "")).slice(0, 300);
    throw new Error(`Telegram answered ${response.status}: ${body}`);
  }
}

function messageText(config: AlertConfig, failures: number, byCode: { code: string; count: number }[]): string {
  const codes = byCode
    .slice(0, 5)
    .map((row) => `${row.code} ×${row.count}`)
    .join(", ");
  const where = config.appUrl ? `\n${config.appUrl.replace(/\/+$/, "")}/failures` : "";
  return `Salebot ⇄ GetCourse hub: ${failures} link failures in the last ${ALERT_WINDOW_MINUTES} minutes (threshold ${config.threshold}). ${codes}${where}`;
}

/** One check; the minutely job calls it. Returns what it saw and whether it sent a message. */
export async function runAlertCheck(
  config: AlertConfig | null = alertConfig(),
  now = new Date(),
): Promise<AlertCheck | null> {
  if (!config) return null;
  const { total, byCode } = await recentFailures(now);
  const state = await readState();
  const result: AlertCheck = { failures: total, threshold: config.threshold, sent: false, active: state.active };
  if (!state.active && total >= config.threshold) {
    try {
      await sendTelegramMessage(config, messageText(config, total, byCode));
    } catch (error) {
      // Not marked active: the next minute tries again while the spike lasts.
      log.warn("failure alert could not be sent to Telegram", {
        failures: total,
        error: redact(String(error), config.token),
      });
      return result;
    }
    await writeState({ active: true, since: now.toISOString() });
    log.warn("failure alert sent", { failures: total, threshold: config.threshold });
    return { ...result, sent: true, active: true };
  }
  if (state.active && total < config.threshold / 2) {
    await writeState({ active: false });
    log.info("failure spike over", { failures: total, since: state.since });
    return { ...result, active: false };
  }
  return result;
}

/** Registers the minutely check when the alert is configured; removes the schedule when it is not. */
export async function startAlerts(boss: PgBoss): Promise<void> {
  await boss.createQueue(ALERTS_QUEUE);
  const config = alertConfig();
  if (!config) {
    await boss.unschedule(ALERTS_QUEUE);
    return;
  }
  await boss.work(ALERTS_QUEUE, { pollingIntervalSeconds: 5, batchSize: 1 }, async () => {
    await runAlertCheck(config);
  });
  await boss.schedule(ALERTS_QUEUE, "* * * * *", {});
}
