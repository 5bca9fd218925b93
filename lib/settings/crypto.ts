import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

/**
 * Secrets kept in the `settings` table are sealed with AES-256-GCM under a key derived from
 * AUTH_SECRET, so a database dump alone does not reveal API keys or tokens. GCM's tag makes a
 * changed ciphertext (or a different AUTH_SECRET) fail loudly instead of yielding garbage.
 */

const VERSION = "v1";
const SALT = "salebot-getcourse-hub/settings";
const INFO = "settings-encryption-v1";

/** Thrown when a stored secret cannot be opened: AUTH_SECRET changed, or the value was altered. */
export class SecretUnreadableError extends Error {
  constructor(detail: string) {
    super(`stored secret cannot be decrypted (${detail}); AUTH_SECRET may have changed, enter the secret again`);
    this.name = "SecretUnreadableError";
  }
}

function keyFrom(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, SALT, INFO, 32));
}

function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: settings secrets cannot be encrypted.");
  return secret;
}

/** `v1.<iv>.<tag>.<ciphertext>`, each part base64url. */
export function encryptSecret(plain: string, secret: string = authSecret()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    body.toString("base64url"),
  ].join(".");
}

export function decryptSecret(sealed: string, secret: string = authSecret()): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || body === undefined)
    throw new SecretUnreadableError("unknown format");
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretUnreadableError("authentication failed");
  }
}
