import { expect, test } from "vitest";
import { checkCredentials } from "@/lib/auth/credentials";
import { loadActiveUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { inviteUser, resetPassword } from "./manage";
import { changeOwnPassword } from "./own-password";

const noThrottle = {
  check: async () => ({ locked: false as const }),
  fail: async () => ({ locked: false as const }),
  succeed: async () => {},
};
const signIn = (email: string, password: string) =>
  checkCredentials({ email, password, ip: "127.0.0.1" }, noThrottle as never);

test("a generated password must be changed at first sign-in; a chosen one need not", async () => {
  const generated = await inviteUser(null, { email: "one-time@x.ru", role: "staff" });
  expect(await loadActiveUser(generated.user.id, 0)).toMatchObject({ mustChangePassword: true });
  const chosen = await inviteUser(null, { email: "chosen@x.ru", role: "staff", password: "chosen-password-1" });
  expect(await loadActiveUser(chosen.user.id, 0)).toMatchObject({ mustChangePassword: false });

  const me = { id: generated.user.id, email: generated.user.email, role: generated.user.role };
  await expect(
    changeOwnPassword(me, { current: "wrong-password", next: "my-own-password", repeat: "my-own-password" }),
  ).rejects.toMatchObject({ code: "wrong_current" });
  await expect(
    changeOwnPassword(me, { current: generated.password, next: "my-own-password", repeat: "my-own-passw0rd" }),
  ).rejects.toMatchObject({ code: "mismatch" });
  await expect(
    changeOwnPassword(me, { current: generated.password, next: "short", repeat: "short" }),
  ).rejects.toMatchObject({ code: "too_short" });

  const { sessionVersion } = await changeOwnPassword(me, {
    current: generated.password,
    next: "my-own-password",
    repeat: "my-own-password",
  });
  // Every session signed in before is over; the re-issued one (new version) goes on, and free.
  expect(await loadActiveUser(me.id, 0)).toBeNull();
  expect(await loadActiveUser(me.id, sessionVersion)).toMatchObject({ mustChangePassword: false });
  expect(await signIn(me.email, generated.password)).toMatchObject({ ok: false });
  expect(await signIn(me.email, "my-own-password")).toMatchObject({ ok: true });
  expect(await db.auditLog.count({ where: { action: "user.password_change", target: `user:${me.id}` } })).toBe(1);

  // An admin's reset hands out a generated password again: changed at the next sign-in.
  const admin = (await inviteUser(null, { email: "resetter@x.ru", role: "admin", password: "admin-password-1" })).user;
  await resetPassword({ id: admin.id, email: admin.email, role: admin.role }, me.id);
  const after = await db.user.findUniqueOrThrow({ where: { id: BigInt(me.id) } });
  expect(after.mustChangePassword).toBe(true);
});
