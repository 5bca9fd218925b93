import { encode } from "next-auth/jwt";
import { expect, test } from "vitest";
import { GET as linksCsv } from "@/app/api/export/links.csv/route";
import { db } from "@/lib/db";
import { inviteUser, resetPassword, setActive } from "@/lib/users/manage";
import { checkCredentials } from "./credentials";
import { getAuthOptions, sessionCookieName } from "./options";
import { createSignInThrottle } from "./sign-in-throttle";

// Issue 13.5: a session cookie kept working after sign-out and after a password reset, and came
// back when a deactivated user was reactivated. Each of these now ends the user's sessions (the
// version in the token no longer matches users.session_version, checked on every request).

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
const PASSWORD = "session-test-password-1";

async function signIn(email: string) {
  const result = await checkCredentials({ email, password: PASSWORD, ip: "192.0.2.50" }, createSignInThrottle());
  if (!result.ok) throw new Error(`sign-in failed: ${result.reason}`);
  const { id, role, sessionVersion } = result.user;
  const token = await encode({
    token: { sub: id, email, role, sessionVersion },
    secret: process.env.AUTH_SECRET ?? "",
  });
  return `${sessionCookieName(false)}=${token}`;
}

const exportWith = (cookie: string) =>
  linksCsv(new Request("http://hub.test/api/export/links.csv", { headers: { cookie } }));

async function adminActor() {
  const { user } = await inviteUser(null, {
    email: `admin-${Math.random().toString(36).slice(2, 8)}@x.ru`,
    role: "admin",
    password: PASSWORD,
  });
  return user;
}

test("sign-out kills the cookie, copies included", async () => {
  const { user } = await inviteUser(null, { email: "out@x.ru", role: "staff", password: PASSWORD });
  const cookie = await signIn(user.email);
  expect((await exportWith(cookie)).status).toBe(200);
  await getAuthOptions().events?.signOut?.({ token: { sub: user.id }, session: null as never });
  expect((await exportWith(cookie)).status).toBe(401);
  expect((await exportWith(await signIn(user.email))).status).toBe(200);
});

test("a password reset ends the user's sessions", async () => {
  const admin = await adminActor();
  const { user } = await inviteUser(null, { email: "reset@x.ru", role: "staff", password: PASSWORD });
  const cookie = await signIn(user.email);
  await resetPassword(admin, user.id);
  expect((await exportWith(cookie)).status).toBe(401);
});

test("a deactivated user's old cookie does not come back on reactivation", async () => {
  const admin = await adminActor();
  const { user } = await inviteUser(null, { email: "react@x.ru", role: "staff", password: PASSWORD });
  const cookie = await signIn(user.email);
  await setActive(admin, user.id, false);
  expect((await exportWith(cookie)).status).toBe(401);
  await setActive(admin, user.id, true);
  expect((await exportWith(cookie)).status).toBe(401);
  expect((await db.user.findUniqueOrThrow({ where: { id: BigInt(user.id) } })).sessionVersion).toBe(2);
});

test("a token without a session version (issued before this change) is not accepted", async () => {
  const { user } = await inviteUser(null, { email: "old@x.ru", role: "staff", password: PASSWORD });
  const token = await encode({
    token: { sub: user.id, email: user.email, role: "staff" },
    secret: process.env.AUTH_SECRET ?? "",
  });
  expect((await exportWith(`${sessionCookieName(false)}=${token}`)).status).toBe(401);
});
