import { recordAudit } from "@/lib/audit";
import { hashPassword, passwordProblem, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";

/**
 * A person changes their own password: the current one proves it is them (a session left open on
 * someone else's screen is not enough), the new one is typed twice. Every other session of theirs
 * ends (the session version moves on); the caller re-issues the current one with the new version.
 */

export type OwnPasswordInput = { current: string; next: string; repeat: string };

export class OwnPasswordError extends Error {
  constructor(readonly code: "wrong_current" | "mismatch" | "too_short" | "too_long" | "unchanged") {
    super(code);
    this.name = "OwnPasswordError";
  }
}

export async function changeOwnPassword(
  user: SessionUser,
  input: OwnPasswordInput,
): Promise<{ sessionVersion: number }> {
  if (input.next !== input.repeat) throw new OwnPasswordError("mismatch");
  const problem = passwordProblem(input.next);
  if (problem) throw new OwnPasswordError(problem);
  const id = BigInt(user.id);
  const row = await db.user.findUniqueOrThrow({ where: { id }, select: { passwordHash: true } });
  if (!(await verifyPassword(input.current, row.passwordHash))) throw new OwnPasswordError("wrong_current");
  if (input.current === input.next) throw new OwnPasswordError("unchanged");
  const passwordHash = await hashPassword(input.next);
  return db.$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await recordAudit(
      { actor: user, action: "user.password_change", target: `user:${user.id}`, after: { email: user.email } },
      tx,
    );
    return updated;
  });
}
