import { encode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { authSecret, SESSION_MAX_AGE_SECONDS, sessionCookieName, usesSecureCookies } from "./options";
import type { SessionUser } from "./session-user";

/**
 * Writes this browser a new session cookie carrying `sessionVersion`: after a password change the
 * version moved on, which ends every other session, and this one continues under the new number.
 * The token has the fields next-auth's own jwt callback writes (lib/auth/options.ts).
 */
export async function reissueSession(user: SessionUser, sessionVersion: number): Promise<void> {
  const secure = usesSecureCookies();
  const token = await encode({
    token: { sub: user.id, email: user.email, role: user.role, sessionVersion },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  (await cookies()).set(sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure,
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
}
