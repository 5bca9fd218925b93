import { createHash, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";
import { HttpError, type Principal } from "@/lib/http";

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

function requireToken(request: Request, expected: string | undefined, scope: "link" | "read"): Principal {
  return requireTokenValue(presentedToken(request), expected, scope);
}

/** Guards for route(): who may call. */
export const guards = {
  public: (): Principal => ({ kind: "public" }),
  linkToken: (request: Request): Principal => requireToken(request, getEnv().LINK_API_TOKEN, "link"),
  readToken: (request: Request): Principal => requireToken(request, getEnv().READ_API_TOKEN, "read"),
};
