import { z } from "zod";

/**
 * The hub's configuration, parsed once. Empty strings count as unset, so a `.env` with `KEY=`
 * behaves like a missing key. The start command fills the demo secrets before the server reads
 * this, so inside the server they are always present.
 */
const unsetIfEmpty = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfEmpty, schema.optional());
const withDefault = <T extends z.ZodType>(schema: T, fallback: z.input<T>) =>
  z.preprocess(unsetIfEmpty, schema.default(fallback as never));

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
const postgresUrl = z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" });
const secret = (min: number) => z.string().min(min, { error: `must be at least ${min} characters` });
const wholeSeconds = (fallback: number) =>
  withDefault(
    z.coerce
      .number({ error: "must be a whole number of seconds, at least 1" })
      .int()
      .min(1, { error: "must be a whole number of seconds, at least 1" }),
    fallback,
  );
const onOff = z.preprocess(
  (value) => (typeof value === "string" ? value.trim().toLowerCase() : value),
  z.enum(["on", "off"], { error: "must be on or off" }),
);

export const envSchema = z.object({
  NODE_ENV: withDefault(z.enum(["development", "production", "test"]), "development"),
  DATABASE_URL: optional(postgresUrl),
  PORT: withDefault(
    z.coerce
      .number({ error: "must be a whole number from 1 to 65535" })
      .int()
      .min(1)
      .max(65535, { error: "must be a whole number from 1 to 65535" }),
    3000,
  ),
  APP_URL: optional(httpUrl),
  AUTH_SECRET: optional(secret(16)),
  ADMIN_EMAIL: optional(z.email({ error: "must be an e-mail address" })),
  ADMIN_PASSWORD: optional(secret(8)),
  LINK_API_TOKEN: optional(secret(16)),
  READ_API_TOKEN: optional(secret(16)),
  /** Token of /api/webhooks/getcourse only; the start command generates one when unset. */
  GETCOURSE_WEBHOOK_TOKEN: optional(secret(16)),
  GETCOURSE_ACCOUNT_URL: optional(httpUrl),
  GETCOURSE_API_KEY: optional(z.string()),
  GETCOURSE_TECH_TOKEN: optional(z.string()),
  SALEBOT_API_URL: withDefault(httpUrl, "https://chatter.salebot.pro/api"),
  SALEBOT_API_KEY: optional(z.string()),
  SALEBOT_PROJECT_ID: optional(z.string().regex(/^\d+$/, { error: "must be the numeric Salebot project id" })),
  SALEBOT_BOT_USERNAME: optional(z.string()),
  /** First-seen `get_variables` calls per second (lib/salebot-variables); Salebot documents no limit. */
  SALEBOT_VARIABLES_PER_SECOND: withDefault(
    z.coerce
      .number({ error: "must be a number from 0.1 to 50" })
      .min(0.1, { error: "must be a number from 0.1 to 50" })
      .max(50, { error: "must be a number from 0.1 to 50" }),
    5,
  ),
  GC_FIELD_TELEGRAM: withDefault(z.string(), "telegram_id"),
  GC_FIELD_SALEBOT: optional(z.string()),
  /** GC user field that receives each user's personal bot start link (lib/linking/start-link). */
  GC_FIELD_START_LINK: withDefault(z.string().trim().min(1), "tg_start_link"),
  TIME_ZONE: withDefault(
    z.string().refine((zone) => Intl.supportedValuesOf("timeZone").includes(zone) || zone === "UTC", {
      error: "must be an IANA time zone such as Europe/Moscow",
    }),
    "Europe/Moscow",
  ),
  /** Optional e-mail for the ownership code of /connect (lib/linking/connect-mail.ts); both or neither. */
  SMTP_URL: optional(z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" })),
  SMTP_FROM: optional(z.string().min(3)),
  /** Optional failure-spike alert to a Telegram chat (lib/observability/alerts.ts); both or neither. */
  ALERT_TELEGRAM_BOT_TOKEN: optional(
    z.string().regex(/^\d+:[\w-]+$/, { error: "must be a Telegram bot token (123456:ABC…)" }),
  ),
  ALERT_TELEGRAM_CHAT_ID: optional(
    z.string().regex(/^(-?\d+|@\w+)$/, { error: "must be a numeric chat id or @channel" }),
  ),
  /** Failures within 10 minutes that make a spike. */
  ALERT_FAILURES_THRESHOLD: withDefault(
    z.coerce
      .number({ error: "must be a whole number of at least 1" })
      .int()
      .min(1, { error: "must be a whole number of at least 1" }),
    20,
  ),
  /** The Bot API's base URL; tests point it at a local fake. */
  ALERT_TELEGRAM_API_URL: withDefault(httpUrl, "https://api.telegram.org"),
  /** How many proxies in front may set X-Forwarded-For / -Host / -Proto (lib/security/forwarded.ts); 0 trusts none. */
  TRUST_PROXY: withDefault(
    z.coerce
      .number({ error: "must be a whole number from 0 to 10" })
      .int()
      .min(0, { error: "must be a whole number from 0 to 10" })
      .max(10, { error: "must be a whole number from 0 to 10" }),
    0,
  ),
  /** `on` lets GetCourse / Salebot URLs resolve to private or loopback addresses (lib/outbound/address-guard.ts). */
  HUB_ALLOW_PRIVATE_UPSTREAMS: withDefault(z.enum(["on", "off"], { error: "must be on or off" }), "off").transform(
    (value) => value === "on",
  ),
  /** `off` in production: no simulators, no demo data even without credentials (lib/demo/mode.ts). */
  HUB_DEMO: withDefault(onOff, "on"),
  /** `off`: serve only the Salebot webhook path (scripts/server.ts). */
  HUB_NEXT: withDefault(onOff, "on"),
  /** Job workers in this process; unset means on with Next, off without it (scripts/server.ts, instrumentation.ts). */
  HUB_WORKERS: optional(onOff),
  /** The address scripts/server.ts listens on. */
  HOSTNAME: withDefault(z.string(), "0.0.0.0"),
  /** Expiry of an active job whose process died, how often that is checked, delay before pg-boss retries it (lib/jobs/boss.ts). */
  HUB_JOB_EXPIRE_SECONDS: wholeSeconds(120),
  HUB_JOB_MAINTENANCE_SECONDS: wholeSeconds(60),
  HUB_JOB_RETRY_DELAY_SECONDS: wholeSeconds(30),
  /** First delay of a queued link retry, doubled each time (lib/jobs/retry-schedule.ts); tests use 1. */
  LINK_RETRY_BASE_SECONDS: withDefault(
    z.coerce
      .number({ error: "must be a number of seconds above 0" })
      .positive({ error: "must be a number of seconds above 0" }),
    15,
  ),
  /** Unset: `warn` under tests, else `info` (lib/observability/log.ts). */
  LOG_LEVEL: optional(z.enum(["debug", "info", "warn", "error"], { error: "must be debug, info, warn or error" })),
  /** Where Salebot webhooks wait while PostgreSQL is unreachable; unset: `.data/spool` (lib/events/salebot-ingest.ts). */
  SPOOL_DIR: optional(z.string()),
  /** Concurrent batch writers of the Salebot ingest. */
  INGEST_WRITERS: withDefault(
    z.coerce
      .number({ error: "must be a whole number from 1 to 32" })
      .int()
      .min(1, { error: "must be a whole number from 1 to 32" })
      .max(32, { error: "must be a whole number from 1 to 32" }),
    2,
  ),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
    this.name = "ConfigError";
  }
}

/** Parses a whole environment; the first bad variable becomes one line that names it. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "configuration");
  const got = source[variable];
  const shown = got === undefined ? "" : ` (got "${variable.match(/TOKEN|SECRET|PASSWORD|KEY/) ? "***" : got}")`;
  throw new ConfigError(variable, `${issue?.message ?? "is invalid"}${shown}`);
}

let cached: Env | undefined;

/** The configuration of this process, parsed on first use. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

const values = new Map<keyof Env, { raw: string | undefined; value: unknown }>();

/**
 * One variable, parsed by the same schema as `getEnv`, and parsed again when `process.env` has
 * changed it since: for the few values read on hot paths that tests set after start-up (LOG_LEVEL,
 * SPOOL_DIR). A bad value fails the same way as at start-up, never falls back silently.
 */
export function envValue<K extends keyof Env>(name: K): Env[K] {
  const raw = process.env[name];
  const known = values.get(name);
  if (known && known.raw === raw) return known.value as Env[K];
  const value = parseEnv({ [name]: raw })[name];
  values.set(name, { raw, value });
  return value;
}

/** The GC custom-field name that holds the Salebot client id: `sb_<project>_id` unless set. */
export function salebotFieldName(env: Env): string {
  return env.GC_FIELD_SALEBOT ?? `sb_${env.SALEBOT_PROJECT_ID ?? "project"}_id`;
}
