import { db } from "@/lib/db";
import type { GetCourseClient } from "@/lib/getcourse";
import { recordGcContact } from "@/lib/matching/directory";
import { isOutboundError } from "@/lib/outbound/errors";

/**
 * Who a GetCourse user is, from what GetCourse itself said only: the code names the user id,
 * linking needs the e-mail. Trusted sources are the stored GetCourse order events (gc_orders), the
 * contacts directory filled from them (gc_user_contacts), the links the hub made (their id came
 * from GetCourse when the fields were written) and the Tech API. A caller's e-mail ↔ id pair is
 * never stored nor believed: anyone holding the link token could otherwise plant one and hijack a
 * customer's link (start_link_users is the field-write queue, not a source of identity).
 */
export type StartLinkUserRef = { gcUserId: string; email: string };

const USER_ID = /^\d{1,19}$/;

const BY_ID_SQL = `
SELECT email FROM (
  SELECT email, 1 AS rank, updated_at AS at FROM gc_user_contacts WHERE gc_user_id = $1 AND email IS NOT NULL
  UNION ALL SELECT email, 2, updated_at FROM links WHERE gc_user_id = $1
  UNION ALL SELECT email, 3, updated_at FROM gc_orders WHERE gc_user_id = $1 AND email IS NOT NULL
) known ORDER BY rank, at DESC`;

const BY_EMAIL_SQL = `
SELECT gc_user_id AS "gcUserId" FROM (
  SELECT gc_user_id, 1 AS rank, updated_at AS at FROM gc_user_contacts WHERE email = $1
  UNION ALL SELECT gc_user_id, 2, updated_at FROM links WHERE email = $1 AND gc_user_id IS NOT NULL
  UNION ALL SELECT gc_user_id, 3, updated_at FROM gc_orders WHERE lower(trim(email)) = $1 AND gc_user_id IS NOT NULL
) known WHERE gc_user_id ~ '^[0-9]{1,19}$' ORDER BY rank, at DESC`;

/** Every e-mail GetCourse gave for this id, the most trusted and newest first. */
async function trustedEmailsOf(gcUserId: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ email: string }[]>(BY_ID_SQL, gcUserId);
  return [...new Set(rows.map((row) => row.email.trim().toLowerCase()))];
}

async function trustedIdsOf(email: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ gcUserId: string }[]>(BY_EMAIL_SQL, email);
  return [...new Set(rows.map((row) => row.gcUserId))];
}

export async function knownEmailOf(gcUserId: string): Promise<string | null> {
  return (await trustedEmailsOf(gcUserId))[0] ?? null;
}

export async function knownUserIdOf(email: string): Promise<string | null> {
  return (await trustedIdsOf(email.trim().toLowerCase()))[0] ?? null;
}

export type UserResolution =
  | { kind: "found"; user: StartLinkUserRef }
  /** Both were given and GetCourse's data pairs them differently. */
  | { kind: "mismatch"; detail: string }
  | { kind: "unknown" };

type UserLookup = Pick<GetCourseClient, "getUser">;

/** The Tech API's answer; null when GetCourse has no such user or cannot be asked (no Tech token). */
async function askGetCourse(
  gc: UserLookup | null,
  who: { userId: number } | { email: string },
): Promise<StartLinkUserRef | null> {
  if (!gc) return null;
  try {
    const user = await gc.getUser(who);
    const foundId = String(user.id);
    // Asked by e-mail, GetCourse may leave it out of the answer: it is the one asked for.
    const foundEmail = (user.email ?? ("email" in who ? who.email : "")).trim().toLowerCase();
    if (!USER_ID.test(foundId) || !foundEmail) return null;
    // What GetCourse said is trusted: kept so the next look-up spends no call.
    await recordGcContact(foundId, foundEmail, null);
    return { gcUserId: foundId, email: foundEmail };
  } catch (error) {
    if (isOutboundError(error, "not_found") || isOutboundError(error, "auth_failed")) return null;
    throw error;
  }
}

/**
 * The user named by an id, an e-mail or both, as GetCourse knows them. Both given: they must be
 * the same GetCourse user, else `mismatch`; an id GetCourse does not know is `unknown`.
 */
export async function resolveUser(
  ask: { gcUserId?: string | null; email?: string | null },
  gc: UserLookup | null,
): Promise<UserResolution> {
  const email = ask.email?.trim().toLowerCase() || null;
  const gcUserId = ask.gcUserId?.trim() || null;
  if (gcUserId !== null && !USER_ID.test(gcUserId)) return { kind: "unknown" };
  if (gcUserId && email) {
    const emails = await trustedEmailsOf(gcUserId);
    if (emails.includes(email)) return { kind: "found", user: { gcUserId, email } };
    // Not paired in the hub's data (a new user, a changed e-mail): GetCourse settles it.
    const asked = await askGetCourse(gc, { userId: Number(gcUserId) });
    if (asked) {
      return asked.email === email
        ? { kind: "found", user: asked }
        : { kind: "mismatch", detail: `GetCourse user ${gcUserId} has another e-mail than ${email}.` };
    }
    const ids = await trustedIdsOf(email);
    if (emails.length > 0 || ids.length > 0)
      return {
        kind: "mismatch",
        detail:
          emails.length > 0
            ? `GetCourse user ${gcUserId} has another e-mail than ${email}.`
            : `The e-mail ${email} belongs to GetCourse user ${ids[0]}, not ${gcUserId}.`,
      };
    return { kind: "unknown" };
  }
  if (gcUserId) {
    const known = (await trustedEmailsOf(gcUserId))[0];
    if (known) return { kind: "found", user: { gcUserId, email: known } };
    const asked = await askGetCourse(gc, { userId: Number(gcUserId) });
    return asked ? { kind: "found", user: asked } : { kind: "unknown" };
  }
  if (email) {
    const known = (await trustedIdsOf(email))[0];
    if (known) return { kind: "found", user: { gcUserId: known, email } };
    const asked = await askGetCourse(gc, { email });
    return asked ? { kind: "found", user: asked } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}
