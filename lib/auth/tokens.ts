import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { HttpError, type Principal } from "@/lib/http";
import { tokenOverride } from "@/lib/settings/token-cache";
import type { Permission } from "./permissions";

/** Compares secrets in constant time; hashing first makes the lengths equal. */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

/** A token from `Authorization: Bearer …` or, for callers that cannot set headers, `?token=`. */
export function tokenFrom(authorization: string | null | undefined, url: URL): string | null {
  const bearer = authorization?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (bearer) return bearer;
  return url.searchParams.get("token");
}

export function presentedToken(request: Request): string | null {
  return tokenFrom(request.headers.get("authorization"), new URL(request.url));
}

/** Checks a presented token against the configured one; throws the 401 the wrapper maps. */
export function requireTokenValue(token: string | null, expected: string | undefined, scope: "link" | "read"): Principal {
  if (!token) throw new HttpError(401, "unauthorized", "A token is required: Authorization: Bearer <token> or ?token=<token>.");
  if (!expected || !secretsEqual(token, expected)) throw new HttpError(401, "unauthorized", "The token is not valid.");
  return { kind: "token", scope };
}

/**
 * The token a caller must present: one rotated on the Settings page replaces the environment's
 * (LINK_API_TOKEN / READ_API_TOKEN), so rotating really locks the old one out.
 */
export function acceptedToken(scope: "link" | "read"): string | undefined {
  return tokenOverride(scope) ?? (scope === "link" ? getEnv().LINK_API_TOKEN : getEnv().READ_API_TOKEN);
}

function requireToken(request: Request, expected: string | undefined, scope: "link" | "read"): Principal {
  return requireTokenValue(presentedToken(request), expected, scope);
}

// Loaded on first use: the lean Salebot webhook server (lib/events/salebot-webhook-node.ts)
// imports this file for the token check and should not pull in next-auth and the users table.
async function sessionPrincipal(request: Request, permission: Permission): Promise<Principal> {
  const { sessionPrincipal: check } = await import("./session-guard");
  return check(request, permission);
}

/** Guards for route(): who may call. */
export const guards = {
  public: (): Principal => ({ kind: "public" }),
  linkToken: (request: Request): Principal => requireToken(request, acceptedToken("link"), "link"),
  readToken: (request: Request): Principal => requireToken(request, acceptedToken("read"), "read"),
  /**
   * The reporting API, CSV exports and metrics: the read token when one is presented (scripts, BI
   * tools), else a signed-in user holding `permission` (people in a browser).
   */
  sessionOrReadToken:
    (permission: Permission) =>
    (request: Request): Principal | Promise<Principal> =>
      presentedToken(request) ? requireToken(request, acceptedToken("read"), "read") : sessionPrincipal(request, permission),
};
