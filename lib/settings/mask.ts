/**
 * How a secret is shown in the browser: never the value, only its last four characters, and
 * not even those when the secret is so short that four characters would be most of it.
 */
export const MASK = "••••";

export function lastFour(secret: string): string {
  return secret.length >= 12 ? secret.slice(-4) : "";
}

export function maskSecret(secret: string | null | undefined): string {
  if (!secret) return "";
  return `${MASK}${lastFour(secret)}`;
}

/** A masked copy of an audit value: every key that names a secret becomes its mask. */
export function maskSecretsIn(value: unknown, isSecretKey: (key: string) => boolean = defaultSecretKey): unknown {
  if (Array.isArray(value)) return value.map((item) => maskSecretsIn(item, isSecretKey));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      isSecretKey(key) && typeof inner === "string" ? maskSecret(inner) : maskSecretsIn(inner, isSecretKey),
    ]),
  );
}

function defaultSecretKey(key: string): boolean {
  return /key|token|secret|password/i.test(key);
}
