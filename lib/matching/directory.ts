import { db } from "@/lib/db";
import { normalisePhone } from "./phone";

/**
 * The GetCourse users the hub has seen, with their e-mail and phone (table gc_user_contacts): what
 * a phone or an e-mail from a chat is looked up in. GetCourse has no read by phone (only the
 * export, 100 requests per 2 hours, which a chat-by-chat lookup would spend at once), so the hub
 * keeps what order events, exports and its own links tell it.
 */
export type GcContact = { gcUserId: string; email: string };

export async function recordGcContact(gcUserId: string, email: string | null, phone: string | null): Promise<void> {
  const normalised = normalisePhone(phone);
  const mail = email?.trim().toLowerCase() || null;
  if (!normalised && !mail) return;
  // A newer event fills what is missing or changed; it never blanks a value an older one gave.
  await db.$executeRawUnsafe(
    `INSERT INTO gc_user_contacts (gc_user_id, email, phone, updated_at) VALUES ($1, $2, $3, now())
     ON CONFLICT (gc_user_id) DO UPDATE SET email = coalesce(EXCLUDED.email, gc_user_contacts.email),
       phone = coalesce(EXCLUDED.phone, gc_user_contacts.phone), updated_at = now()
     WHERE (gc_user_contacts.email, gc_user_contacts.phone) IS DISTINCT FROM (coalesce(EXCLUDED.email, gc_user_contacts.email), coalesce(EXCLUDED.phone, gc_user_contacts.phone))`,
    gcUserId,
    mail,
    normalised,
  );
}

/** GetCourse users with this normalised phone and a known e-mail (the link writes by e-mail). */
export async function gcUsersByPhone(phone: string): Promise<GcContact[]> {
  return db.$queryRawUnsafe<GcContact[]>(
    `SELECT gc_user_id AS "gcUserId", email FROM gc_user_contacts WHERE phone = $1 AND email IS NOT NULL ORDER BY gc_user_id LIMIT 10`,
    phone,
  );
}

/** GetCourse users with this e-mail (one, unless GetCourse's ids for it changed). */
export async function gcUsersByEmail(email: string): Promise<GcContact[]> {
  return db.$queryRawUnsafe<GcContact[]>(
    `SELECT gc_user_id AS "gcUserId", email FROM gc_user_contacts WHERE email = $1 ORDER BY gc_user_id LIMIT 10`,
    email,
  );
}
