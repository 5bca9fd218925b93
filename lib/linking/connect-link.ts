import { getEnv } from "@/lib/env";

/** The secret personal links are signed with; the start command always provides one. */
export function linkSigningSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: personal /connect links cannot be signed or checked.");
  return secret;
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function firstValue(headers: Headers, name: string): string | undefined {
  return headers.get(name)?.split(",")[0]?.trim() || undefined;
}

/**
 * The origin the caller used. `request.url` carries where the server listens, which behind a
 * proxy is an internal address; the Host header (or the proxy's X-Forwarded-*) says where it was
 * reached. Only the link-token holder calls this, so a forged header can only mislead itself.
 */
export function requestOrigin(request: Request): string {
  const url = new URL(request.url);
  const host = firstValue(request.headers, "x-forwarded-host") ?? firstValue(request.headers, "host");
  const proto = firstValue(request.headers, "x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  if (!host || !HOST.test(host) || !/^https?$/.test(proto)) return url.origin;
  return `${proto}://${host}`;
}

/** Where customers reach the hub: APP_URL when configured, else the origin the request came to. */
export function publicBaseUrl(request: Request): string {
  return (getEnv().APP_URL ?? requestOrigin(request)).replace(/\/+$/, "");
}

export function connectUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/connect?t=${encodeURIComponent(token)}`;
}
