import { expect, test } from "vitest";
import { loadActiveUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { listUsers } from "@/lib/queries/users";
import { changeRole, inviteUser, resetPassword, setActive, UserChangeError } from "./manage";

async function admin(email: string) {
  const { user } = await inviteUser(null, { email, role: "admin", password: "admin-password-1" });
  return { id: user.id, email: user.email, role: user.role };
}

test("an invite creates the user with a one-time password, stores only its hash, and is audited", async () => {
  const me = await admin("boss@x.ru");
  const { user, password } = await inviteUser(me, { email: "New@X.ru", role: "marketer" });
  expect(user).toMatchObject({ email: "new@x.ru", role: "marketer", active: true });
  expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
  const stored = await db.user.findUniqueOrThrow({ where: { email: "new@x.ru" }, omit: { passwordHash: false } });
  expect(stored.passwordHash).not.toContain(password);
  const entry = await db.auditLog.findFirstOrThrow({ where: { action: "user.invite", target: `user:${user.id}` } });
  expect(entry).toMatchObject({ actorEmail: "boss@x.ru", after: { email: "new@x.ru", role: "marketer" } });
  await expect(inviteUser(me, { email: "new@x.ru", role: "staff" })).rejects.toMatchObject({ code: "email_taken" });
  await expect(inviteUser(me, { email: "not-an-email", role: "staff" })).rejects.toMatchObject({
    code: "invalid_email",
  });
});

test("the last active admin can neither demote nor deactivate themselves", async () => {
  await db.user.deleteMany();
  const me = await admin("only@x.ru");
  await expect(changeRole(me, me.id, "staff")).rejects.toBeInstanceOf(UserChangeError);
  await expect(setActive(me, me.id, false)).rejects.toMatchObject({ code: "last_admin" });
  const other = await admin("second@x.ru");
  await changeRole(me, me.id, "staff");
  await expect(setActive(other, other.id, false)).rejects.toMatchObject({ code: "last_admin" });
  expect((await listUsers()).filter((u) => u.role === "admin" && u.active)).toHaveLength(1);
});

test("a deactivated user's session ends at once, a role change ends it too, and reactivation does not bring it back", async () => {
  const me = await admin("boss2@x.ru");
  const { user } = await inviteUser(me, { email: "s@x.ru", role: "staff" });
  expect(await loadActiveUser(user.id, 0)).toMatchObject({ role: "staff" });
  await changeRole(me, user.id, "marketer");
  // The token signed in before the change carries version 0: it is dead; a new sign-in gets 1.
  expect(await loadActiveUser(user.id, 0)).toBeNull();
  expect(await loadActiveUser(user.id, 1)).toMatchObject({ role: "marketer" });
  await setActive(me, user.id, false);
  expect(await loadActiveUser(user.id, 1)).toBeNull();
  await setActive(me, user.id, true);
  expect(await loadActiveUser(user.id, 1)).toBeNull();
  const actions = (await db.auditLog.findMany({ where: { target: `user:${user.id}` }, orderBy: { id: "asc" } })).map(
    (e) => e.action,
  );
  expect(actions).toEqual(["user.invite", "user.role_change", "user.deactivate", "user.reactivate"]);
});

test("a password reset returns a new one-time password and is audited", async () => {
  const me = await admin("boss3@x.ru");
  const { user, password } = await inviteUser(me, { email: "r@x.ru", role: "staff" });
  const reset = await resetPassword(me, user.id);
  expect(reset.password).not.toBe(password);
  expect(await db.auditLog.count({ where: { action: "user.password_reset", target: `user:${user.id}` } })).toBe(1);
  await expect(resetPassword(me, "999999")).rejects.toMatchObject({ code: "not_found" });
});
