import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Demo mode needs secrets nobody configured: generated once, kept in `.data/secrets.json`
 * (readable by the owner only), so sessions and tokens survive restarts.
 */
const GENERATED = ["AUTH_SECRET", "LINK_API_TOKEN", "READ_API_TOKEN", "GETCOURSE_WEBHOOK_TOKEN"] as const;
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

export const DEMO_ADMIN_EMAIL = "admin@demo.local";

/**
 * Demo mode's first admin when ADMIN_EMAIL and ADMIN_PASSWORD are both unset: `admin@demo.local`
 * with a password generated once and kept beside the other secrets, so the login printed at start
 * keeps working after a restart. Configured values win; `generated` says whether to print the password.
 */
export function ensureDemoAdmin(
  environment: Record<string, string | undefined>,
  file = path.resolve(".data/secrets.json"),
): { ADMIN_EMAIL: string; ADMIN_PASSWORD: string; generated: boolean } | null {
  const email = environment.ADMIN_EMAIL?.trim();
  const password = environment.ADMIN_PASSWORD?.trim();
  if (email || password)
    return email && password ? { ADMIN_EMAIL: email, ADMIN_PASSWORD: password, generated: false } : null;
  const stored: Record<string, string | undefined> = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string | undefined>)
    : {};
  if (!stored.ADMIN_EMAIL || !stored.ADMIN_PASSWORD) {
    stored.ADMIN_EMAIL = DEMO_ADMIN_EMAIL;
    stored.ADMIN_PASSWORD = randomBytes(12).toString("base64url");
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(stored, null, 2)}\n`, { mode: 0o600 });
  }
  return { ADMIN_EMAIL: stored.ADMIN_EMAIL, ADMIN_PASSWORD: stored.ADMIN_PASSWORD, generated: true };
}
