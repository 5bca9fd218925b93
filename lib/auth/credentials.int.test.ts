import { beforeEach, expect, test } from "vitest";
import { db } from "@/lib/db";
import { inviteUser } from "@/lib/users/manage";
import { checkCredentials } from "./credentials";
import { createSignInThrottle, type SignInThrottle } from "./sign-in-throttle";

let throttle: SignInThrottle;
beforeEach(() => {
  throttle = createSignInThrottle();
});

const PASSWORD = "correct-horse-battery";

test("the right password signs in, whatever the e-mail's case, and records the time", async () => {
  await inviteUser(null, { email: "Staff@Example.ru", role: "staff", password: PASSWORD });
  const result = await checkCredentials({ email: " STAFF@example.RU ", password: PASSWORD, ip: "10.0.0.1" }, throttle);
  expect(result).toMatchObject({ ok: true, user: { email: "staff@example.ru", role: "staff" } });
  const row = await db.user.findUniqueOrThrow({ where: { email: "staff@example.ru" } });
  expect(row.lastLoginAt).not.toBeNull();
  expect(row).not.toHaveProperty("passwordHash");
});

test("a wrong password and an unknown e-mail look the same", async () => {
  await inviteUser(null, { email: "a@example.ru", role: "admin", password: PASSWORD });
  expect(
    await checkCredentials({ email: "a@example.ru", password: "nope-nope-nope", ip: "10.0.0.2" }, throttle),
  ).toEqual({ ok: false, reason: "invalid" });
  expect(await checkCredentials({ email: "ghost@example.ru", password: PASSWORD, ip: "10.0.0.2" }, throttle)).toEqual({
    ok: false,
    reason: "invalid",
  });
});

test("five wrong passwords from one address make that address wait; the right password from elsewhere still works", async () => {
  await inviteUser(null, { email: "b@example.ru", role: "marketer", password: PASSWORD });
  for (let i = 0; i < 4; i++) {
    expect(
      await checkCredentials({ email: "b@example.ru", password: `wrong-${i}-xxxx`, ip: "10.0.1.1" }, throttle),
    ).toMatchObject({ reason: "invalid" });
  }
  const locked = await checkCredentials({ email: "b@example.ru", password: "wrong-4-xxxx", ip: "10.0.1.1" }, throttle);
  expect(locked).toMatchObject({ ok: false, reason: "throttled" });
  expect(await checkCredentials({ email: "b@example.ru", password: PASSWORD, ip: "10.0.1.1" }, throttle)).toMatchObject(
    { reason: "throttled" },
  );
  expect(await checkCredentials({ email: "b@example.ru", password: PASSWORD, ip: "10.0.2.1" }, throttle)).toMatchObject(
    { ok: true },
  );
});

test("a deactivated user cannot sign in, and is told so only with the right password", async () => {
  const { user } = await inviteUser(null, { email: "c@example.ru", role: "staff", password: PASSWORD });
  await db.user.update({ where: { id: BigInt(user.id) }, data: { active: false } });
  expect(await checkCredentials({ email: "c@example.ru", password: PASSWORD, ip: "10.0.3.1" }, throttle)).toEqual({
    ok: false,
    reason: "inactive",
  });
  expect(
    await checkCredentials({ email: "c@example.ru", password: "wrong-password", ip: "10.0.3.1" }, throttle),
  ).toEqual({ ok: false, reason: "invalid" });
});
