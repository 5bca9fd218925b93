import { db } from "@/lib/db";
import type { Role } from "./permissions";

/** The signed-in person as every check sees them: always read fresh from the users table. */
export type SessionUser = { id: string; email: string; role: Role };

/**
 * The user behind a session token, or null when they were deactivated or removed. Run on every
 * request (one primary-key read), so a deactivation or a role change takes effect on the next
 * click instead of when the token expires.
 */
export async function loadActiveUser(id: unknown): Promise<SessionUser | null> {
  if (typeof id !== "string" || !/^\d{1,19}$/.test(id)) return null;
  const row = await db.user.findUnique({ where: { id: BigInt(id) }, select: { id: true, email: true, role: true, active: true } });
  if (!row || !row.active) return null;
  return { id: row.id.toString(), email: row.email, role: row.role };
}
