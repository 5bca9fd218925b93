import { db } from "@/lib/db";
import { burnPasswordCheck, normalizeEmail, verifyPassword } from "./password";
import type { SessionUser } from "./session-user";
import { type SignInThrottle, signInThrottle } from "./sign-in-throttle";

export type SignInAttempt = { email: string; password: string; ip: string };

export type SignInResult =
  | { ok: true; user: SessionUser & { sessionVersion: number } }
  | { ok: false; reason: "invalid" | "inactive" }
  | { ok: false; reason: "throttled"; retryAfterMs: number };

/**
 * Checks an e-mail and password. A throttled attempt is refused before bcrypt runs, so guessing
 * costs the guesser time but not us; a wrong e-mail and a wrong password look the same.
 */
export async function checkCredentials(
  attempt: SignInAttempt,
  throttle: SignInThrottle = signInThrottle(),
): Promise<SignInResult> {
  const email = normalizeEmail(attempt.email);
  const subject = { email, ip: attempt.ip };
  const before = await throttle.check(subject);
  if (before.locked) return { ok: false, reason: "throttled", retryAfterMs: before.retryAfterMs };

  const row = email ? await db.user.findUnique({ where: { email }, omit: { passwordHash: false } }) : null;
  const matches = row
    ? await verifyPassword(attempt.password, row.passwordHash)
    : (await burnPasswordCheck(attempt.password), false);
  if (!row || !matches) {
    const after = await throttle.fail(subject);
    // The attempt that crosses the limit already says so, instead of one more "wrong password".
    return after.locked
      ? { ok: false, reason: "throttled", retryAfterMs: after.retryAfterMs }
      : { ok: false, reason: "invalid" };
  }
  await throttle.succeed(subject);
  if (!row.active) return { ok: false, reason: "inactive" };
  await db.user.update({ where: { id: row.id }, data: { lastLoginAt: new Date() } });
  return {
    ok: true,
    user: { id: row.id.toString(), email: row.email, role: row.role, sessionVersion: row.sessionVersion },
  };
}
