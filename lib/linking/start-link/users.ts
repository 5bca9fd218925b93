import { db } from "@/lib/db";
import type { GetCourseClient } from "@/lib/getcourse";
import { isOutboundError } from "@/lib/outbound/errors";

/**
 * Who a GetCourse user is, as far as the hub knows: the code names the user id, linking needs the
 * e-mail. Read from the hub's own data first (users it handed a link to, links, orders), so
 * neither issuing a link nor redeeming one spends a GetCourse call for a known customer.
 */
export type StartLinkUserRef = { gcUserId: string; email: string };

const USER_ID = /^\d{1,19}$/;

/** Remembers the pair; the newest e-mail wins (a user may change theirs in GetCourse). */
export async function rememberUser(user: StartLinkUserRef): Promise<void> {
  await db.startLinkUser.upsert({
    where: { gcUserId: user.gcUserId },
    create: { gcUserId: user.gcUserId, email: user.email },
    update: { email: user.email },
  });
}

const BY_ID_SQL = `
SELECT email FROM (
  SELECT email, 1 AS rank, updated_at AS at FROM start_link_users WHERE gc_user_id = $1
  UNION ALL SELECT email, 2, updated_at FROM links WHERE gc_user_id = $1
  UNION ALL SELECT email, 3, updated_at FROM gc_orders WHERE gc_user_id = $1 AND email IS NOT NULL
) known ORDER BY rank, at DESC LIMIT 1`;

const BY_EMAIL_SQL = `
SELECT gc_user_id AS "gcUserId" FROM (
  SELECT gc_user_id, 1 AS rank, updated_at AS at FROM start_link_users WHERE email = $1
  UNION ALL SELECT gc_user_id, 2, updated_at FROM links WHERE email = $1 AND gc_user_id IS NOT NULL
  UNION ALL SELECT gc_user_id, 3, updated_at FROM gc_orders WHERE email = $1 AND gc_user_id IS NOT NULL
) known WHERE gc_user_id ~ '^[0-9]{1,19}$' ORDER BY rank, at DESC LIMIT 1`;

export async function knownEmailOf(gcUserId: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ email: string }[]>(BY_ID_SQL, gcUserId);
  return rows[0]?.email.trim().toLowerCase() ?? null;
}

export async function knownUserIdOf(email: string): Promise<string | null> {
  const rows = await db.$queryRawUnsafe<{ gcUserId: string }[]>(BY_EMAIL_SQL, email);
  return rows[0]?.gcUserId ?? null;
}

/**
 * The user named by an id, an e-mail or both. Both: the caller (a GetCourse process passing
 * `{object.user.id}` and `{object.user.email}`) says who it is. One of them and unknown to the hub:
 * the Tech API's `get-fields` is asked, when its token is configured; null when nobody knows.
 */
export async function resolveUser(
  ask: { gcUserId?: string | null; email?: string | null },
  gc: Pick<GetCourseClient, "getUser"> | null,
): Promise<StartLinkUserRef | null> {
  const email = ask.email?.trim().toLowerCase() || null;
  const gcUserId = ask.gcUserId?.trim() || null;
  if (gcUserId !== null && !USER_ID.test(gcUserId)) return null;
  if (gcUserId && email) return { gcUserId, email };
  if (gcUserId) {
    const known = await knownEmailOf(gcUserId);
    if (known) return { gcUserId, email: known };
  } else if (email) {
    const known = await knownUserIdOf(email);
    if (known) return { gcUserId: known, email };
  } else {
    return null;
  }
  if (!gc) return null;
  try {
    const user = await gc.getUser(gcUserId ? { userId: Number(gcUserId) } : { email: email as string });
    const foundId = String(user.id);
    const foundEmail = (user.email ?? email ?? "").trim().toLowerCase();
    if (!USER_ID.test(foundId) || !foundEmail) return null;
    return { gcUserId: foundId, email: foundEmail };
  } catch (error) {
    // No Tech token (school key only) or no such user: the hub cannot name them.
    if (isOutboundError(error, "not_found") || isOutboundError(error, "auth_failed")) return null;
    throw error;
  }
}
