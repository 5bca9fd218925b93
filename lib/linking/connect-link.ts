import { getEnv } from "@/lib/env";
import { requestOrigin } from "@/lib/security/forwarded";

/** The secret personal links are signed with; the start command always provides one. */
export function linkSigningSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: personal /connect links cannot be signed or checked.");
  return secret;
}

/** Where customers reach the hub: APP_URL when configured, else the origin the request came to. */
export function publicBaseUrl(request: Request): string {
  return (getEnv().APP_URL ?? requestOrigin(request)).replace(/\/+$/, "");
}

export function connectUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/connect?t=${encodeURIComponent(token)}`;
}
