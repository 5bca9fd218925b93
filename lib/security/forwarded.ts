import type { IncomingHttpHeaders } from "node:http";
import { getEnv } from "@/lib/env";

/**
 * Who is calling, and through which address they reached us. X-Forwarded-For, -Host and -Proto
 * are only believed from the proxies TRUST_PROXY counts: anyone else can write them, so with the
 * default 0 they are ignored (an attacker would otherwise pick a fresh address for every
 * sign-in attempt, or lock someone else's).
 *
 * scripts/server.ts resolves the caller's address once per request from the socket and the
 * trusted part of X-Forwarded-For and hands it on in CLIENT_ADDRESS_HEADER (overwriting whatever
 * the caller sent under that name), and drops the forwarded headers nobody trusted.
 */

export const CLIENT_ADDRESS_HEADER = "x-hub-client-address";

const FORWARDED = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto"] as const;

function listOf(value: string | string[] | null | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(",") : (value ?? "");
  return joined
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
}

/**
 * The caller's address: the socket's peer with no trusted proxy; with `trustProxy` = n, the
 * address the outermost trusted proxy saw (n-th entry from the right of X-Forwarded-For + peer).
 */
export function resolveClientAddress(
  forwardedFor: string | string[] | undefined,
  peer: string | undefined,
  trustProxy: number,
): string {
  const chain = [...(trustProxy > 0 ? listOf(forwardedFor) : []), peer ?? "unknown"];
  const index = Math.max(0, chain.length - 1 - trustProxy);
  return (chain[index] ?? "unknown").replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, "");
}

/** For scripts/server.ts: fixes the request's headers before anything reads them. */
export function settleForwardedHeaders(
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  trustProxy = getEnv().TRUST_PROXY,
): void {
  headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(headers["x-forwarded-for"], peer, trustProxy);
  if (trustProxy === 0) for (const name of FORWARDED) delete headers[name];
}

/** The caller's address as scripts/server.ts resolved it; "unknown" when it did not run. */
export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin the caller used: the trusted proxy's X-Forwarded-Host/-Proto, else the Host header
 * and the connection's scheme. `request.url` alone carries where the server listens, which
 * behind a proxy is an internal address.
 */
export function requestOrigin(request: Request, trustProxy = getEnv().TRUST_PROXY): string {
  const url = new URL(request.url);
  const trusted = (name: string) => (trustProxy > 0 ? listOf(request.headers.get(name))[0] : undefined);
  const host = trusted("x-forwarded-host") ?? listOf(request.headers.get("host"))[0];
  const proto = trusted("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  if (!host || !HOST.test(host) || !/^https?$/.test(proto)) return url.origin;
  return `${proto}://${host}`;
}

/** Whether a trusted proxy says the caller used https (for the session cookie's Secure flag). */
export function reachedOverHttps(headers: IncomingHttpHeaders, trustProxy = getEnv().TRUST_PROXY): boolean {
  return trustProxy > 0 && listOf(headers["x-forwarded-proto"])[0]?.toLowerCase() === "https";
}
