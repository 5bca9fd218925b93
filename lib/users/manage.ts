import { recordAudit } from "@/lib/audit";
import { hashPassword, generatePassword, normalizeEmail, passwordProblem } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { isLooseEmail } from "@/lib/email";
import { toUserRow, USER_ROW_SELECT, type UserRow } from "@/lib/queries/users";

/**
 * Managing the people who sign in. Each function takes the acting admin (already checked for
 * `users.manage` by the caller), changes one user and writes the audit entry in the same
 * transaction. Whatever the order of clicks, at least one active admin remains.
 */

export class UserChangeError extends Error {
  constructor(readonly code: "email_taken" | "last_admin" | "not_found" | "invalid_email" | "weak_password") {
    super(code);
    this.name = "UserChangeError";
  }
}

// Serialises changes that could remove the last admin (any constant key shared by them works).
const ADMIN_LOCK = 7_411_001;

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** The one-time password is returned once, to be shown once; only its hash is kept. */
export async function inviteUser(
  actor: SessionUser | null,
  input: { email: string; role: Role; name?: string | null; password?: string },
): Promise<{ user: UserRow; password: string }> {
  const email = normalizeEmail(input.email);
  if (!isLooseEmail(email)) throw new UserChangeError("invalid_email");
  const password = input.password ?? generatePassword();
  if (passwordProblem(password)) throw new UserChangeError("weak_password");
  const passwordHash = await hashPassword(password);
  try {
    const user = await db.$transaction(async (tx) => {
      // A generated password was seen by whoever handed it over: the user replaces it at first sign-in.
      const mustChangePassword = input.password === undefined;
      const created = await tx.user.create({
        data: { email, name: input.name?.trim() || null, role: input.role, passwordHash, mustChangePassword },
        select: USER_ROW_SELECT,
      });
      await recordAudit(
        { actor, action: "user.invite", target: `user:${created.id}`, after: { email, role: input.role } },
        tx,
      );
      return created;
    });
    return { user: toUserRow(user), password };
  } catch (error) {
    if ((error as { code?: unknown }).code === "P2002") throw new UserChangeError("email_taken");
    throw error;
  }
}

async function lockedTarget(tx: Tx, id: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMIN_LOCK})`;
  if (!/^\d{1,19}$/.test(id)) throw new UserChangeError("not_found");
  const user = await tx.user.findUnique({ where: { id: BigInt(id) }, select: USER_ROW_SELECT });
  if (!user) throw new UserChangeError("not_found");
  return user;
}

async function otherActiveAdmins(tx: Tx, id: bigint): Promise<number> {
  return tx.user.count({ where: { role: "admin", active: true, id: { not: id } } });
}

export async function changeRole(actor: SessionUser, id: string, role: Role): Promise<UserRow> {
  return db.$transaction(async (tx) => {
    const user = await lockedTarget(tx, id);
    if (user.role === role) return toUserRow(user);
    if (user.role === "admin" && user.active && (await otherActiveAdmins(tx, user.id)) === 0)
      throw new UserChangeError("last_admin");
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role, sessionVersion: { increment: 1 } },
      select: USER_ROW_SELECT,
    });
    await recordAudit(
      {
        actor,
        action: "user.role_change",
        target: `user:${user.id}`,
        before: { email: user.email, role: user.role },
        after: { role },
      },
      tx,
    );
    return toUserRow(updated);
  });
}

/** Deactivated users cannot sign in, and their open sessions stop on their next request. */
export async function setActive(actor: SessionUser, id: string, active: boolean): Promise<UserRow> {
  return db.$transaction(async (tx) => {
    const user = await lockedTarget(tx, id);
    if (user.active === active) return toUserRow(user);
    if (!active && user.role === "admin" && (await otherActiveAdmins(tx, user.id)) === 0)
      throw new UserChangeError("last_admin");
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { active, sessionVersion: { increment: 1 } },
      select: USER_ROW_SELECT,
    });
    await recordAudit(
      {
        actor,
        action: active ? "user.reactivate" : "user.deactivate",
        target: `user:${user.id}`,
        before: { email: user.email, active: user.active },
        after: { active },
      },
      tx,
    );
    return toUserRow(updated);
  });
}

/** A new one-time password for someone who lost theirs; the old one stops working. */
export async function resetPassword(actor: SessionUser, id: string): Promise<{ user: UserRow; password: string }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db.$transaction(async (tx) => {
    const target = await lockedTarget(tx, id);
    await tx.user.update({
      where: { id: target.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordAudit(
      { actor, action: "user.password_reset", target: `user:${target.id}`, after: { email: target.email } },
      tx,
    );
    return target;
  });
  return { user: toUserRow(user), password };
}
