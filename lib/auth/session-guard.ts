import { decode } from "next-auth/jwt";
import { forbidden, HttpError, type Principal } from "@/lib/http";
import { authSecret, sessionCookieName } from "./options";
import { can, type Permission } from "./permissions";
import { loadActiveUser } from "./session-user";

/** next-auth splits a large token into `name.0`, `name.1`, …; joined back in order. */
export function sessionTokenFrom(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  const chunks: [number, string][] = [];
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === name) chunks.push([0, value]);
    else if (key.startsWith(`${name}.`)) chunks.push([Number(key.slice(name.length + 1)), value]);
  }
  if (chunks.length === 0) return null;
  return chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => decodeURIComponent(value))
    .join("");
}

/**
 * A route handler's session check, read from the request itself (not next/headers), so handlers
 * stay plain functions of a Request and tests can call them. 401 without a live session, 403
 * without the permission.
 */
export async function sessionPrincipal(request: Request, permission: Permission): Promise<Principal> {
  const raw = sessionTokenFrom(request.headers.get("cookie"), sessionCookieName());
  const token = raw ? await decode({ token: raw, secret: authSecret() }).catch(() => null) : null;
  const user = token ? await loadActiveUser(token.sub, token.sessionVersion) : null;
  if (!user) throw new HttpError(401, "unauthorized", "Sign in, or send a token: Authorization: Bearer <token>.");
  if (user.mustChangePassword)
    throw new HttpError(403, "password_change_required", "Choose your own password at /account first.");
  if (!can(user, permission)) throw forbidden();
  return { kind: "user", ...user };
}
