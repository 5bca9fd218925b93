import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { HttpError, type Principal } from "@/lib/http";
import { log } from "@/lib/observability/log";
import { legacyGetCourseLinkTokenAccepted, tokenOverride, type ApiTokenKind } from "@/lib/settings/token-cache";
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
export function requireTokenValue(token: string | null, expected: string | undefined, scope: ApiTokenKind): Principal {
  if (!token)
    throw new HttpError(401, "unauthorized", "A token is required: Authorization: Bearer <token> or ?token=<token>.");
  if (!expected || !secretsEqual(token, expected)) throw new HttpError(401, "unauthorized", "The token is not valid.");
  return { kind: "token", scope };
}

const ENV_TOKENS = { link: "LINK_API_TOKEN", read: "READ_API_TOKEN", getcourse: "GETCOURSE_WEBHOOK_TOKEN" } as const;

/** The environment's token of a kind, before any rotation on the Settings page. */
export function environmentToken(kind: ApiTokenKind): string | undefined {
  return getEnv()[ENV_TOKENS[kind]];
}

/**
 * The token a caller must present: one rotated on the Settings page replaces the environment's
 * (LINK_API_TOKEN / READ_API_TOKEN / GETCOURSE_WEBHOOK_TOKEN), so rotating really locks the old one out.
 */
export function acceptedToken(scope: ApiTokenKind): string | undefined {
  return tokenOverride(scope) ?? environmentToken(scope);
}

function requireToken(request: Request, expected: string | undefined, scope: ApiTokenKind): Principal {
  return requireTokenValue(presentedToken(request), expected, scope);
}

/**
 * The GetCourse webhook has a token of its own, so whoever sets up the Salebot blocks (and holds
 * the link token) cannot post paid orders. Processes pasted before that carry the link token:
 * GetCourse never retries a call, so they keep working while the legacy setting is on.
 */
function requireGetCourseWebhookToken(request: Request): Principal {
  const token = presentedToken(request);
  const legacyLink = legacyGetCourseLinkTokenAccepted() ? acceptedToken("link") : undefined;
  if (token && legacyLink && secretsEqual(token, legacyLink)) {
    log.warn("GetCourse webhook called with the link token (legacy); paste the «Вызвать URL» from Settings again");
    return { kind: "token", scope: "link" };
  }
  return requireTokenValue(token, acceptedToken("getcourse"), "getcourse");
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
  getcourseWebhookToken: requireGetCourseWebhookToken,
  /**
   * The reporting API, CSV exports and metrics: the read token when one is presented (scripts, BI
   * tools), else a signed-in user holding `permission` (people in a browser).
   */
  sessionOrReadToken:
    (permission: Permission) =>
    (request: Request): Principal | Promise<Principal> =>
      presentedToken(request)
        ? requireToken(request, acceptedToken("read"), "read")
        : sessionPrincipal(request, permission),
};
