import { db } from "@/lib/db";
import type { Role } from "./permissions";

/**
 * The signed-in person as every check sees them: always read fresh from the users table.
 * `mustChangePassword`: they signed in with a generated password and may do nothing else until
 * they choose their own (lib/auth/session.ts sends every page to /account).
 */
export type SessionUser = { id: string; email: string; role: Role; mustChangePassword?: boolean };

/**
 * The user behind a session token, or null when they were deactivated or removed, or the token's
 * session version is no longer theirs (signed out, password reset, role changed, deactivated: see
 * endSessions). Run on every request (one primary-key read), so each of these takes effect on the
 * next click, on every instance, instead of when the token expires.
 */
export async function loadActiveUser(id: unknown, sessionVersion: unknown): Promise<SessionUser | null> {
  if (typeof id !== "string" || !/^\d{1,19}$/.test(id) || typeof sessionVersion !== "number") return null;
  const row = await db.user.findUnique({
    where: { id: BigInt(id) },
    select: { id: true, email: true, role: true, active: true, sessionVersion: true, mustChangePassword: true },
  });
  if (!row || !row.active || row.sessionVersion !== sessionVersion) return null;
  return { id: row.id.toString(), email: row.email, role: row.role, mustChangePassword: row.mustChangePassword };
}

type UserWriter = { user: { update: typeof db.user.update } };

/** Ends every session of a user, on every instance: their tokens carry the old version. */
export async function endSessions(userId: bigint | string, client: UserWriter = db): Promise<void> {
  await client.user.update({
    where: { id: BigInt(userId) },
    data: { sessionVersion: { increment: 1 } },
    select: { id: true },
  });
}
