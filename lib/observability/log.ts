/**
 * JSON log lines on stdout/stderr: one object per line, with the request id when there is one.
 * Callers pass facts, never secrets; outbound URLs go through lib/outbound/redact first.
 */
import { envValue } from "@/lib/env";

type Level = "debug" | "info" | "warn" | "error";
type Fields = Record<string, unknown>;

const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  return ORDER[envValue("LOG_LEVEL") ?? (envValue("NODE_ENV") === "test" ? "warn" : "info")];
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return { name: error.name, message: error.message, stack: error.stack };
}

function write(level: Level, message: string, fields: Fields = {}): void {
  if (ORDER[level] < threshold()) return;
  const entry: Fields = { time: new Date().toISOString(), level, msg: message, ...fields };
  if ("error" in entry) entry.error = serializeError(entry.error);
  const line = `${JSON.stringify(entry)}\n`;
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line);
}

export const log = {
  debug: (message: string, fields?: Fields) => write("debug", message, fields),
  info: (message: string, fields?: Fields) => write("info", message, fields),
  warn: (message: string, fields?: Fields) => write("warn", message, fields),
  error: (message: string, fields?: Fields) => write("error", message, fields),
};
