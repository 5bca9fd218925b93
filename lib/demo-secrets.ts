import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Demo mode needs secrets nobody configured: generated once, kept in `.data/secrets.json`
 * (readable by the owner only), so sessions and tokens survive restarts.
 */
const GENERATED = ["AUTH_SECRET", "LINK_API_TOKEN", "READ_API_TOKEN"] as const;
type GeneratedSecret = (typeof GENERATED)[number];

export function ensureDemoSecrets(
  environment: Record<string, string | undefined>,
  file = path.resolve(".data/secrets.json"),
): Record<GeneratedSecret, string> {
  const stored: Partial<Record<GeneratedSecret, string>> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Partial<Record<GeneratedSecret, string>>)
    : {};
  let changed = false;
  const result = {} as Record<GeneratedSecret, string>;
  for (const name of GENERATED) {
    const configured = environment[name]?.trim();
    if (configured) {
      result[name] = configured;
      continue;
    }
    if (!stored[name]) {
      stored[name] = randomBytes(24).toString("base64url");
      changed = true;
    }
    result[name] = stored[name];
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return result;
}
