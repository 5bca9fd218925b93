import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { ensureFirstAdmin } from "./bootstrap-admin";
import { checkCredentials } from "./credentials";
import { createSignInThrottle } from "./sign-in-throttle";

test("the first admin comes from the environment once, and never again", async () => {
  expect(await ensureFirstAdmin({})).toBe("unconfigured");
  expect(await db.user.count()).toBe(0);

  expect(await ensureFirstAdmin({ email: "Admin@Hub.local", password: "first-admin-pass" })).toBe("created");
  const result = await checkCredentials(
    { email: "admin@hub.local", password: "first-admin-pass", ip: "1.2.3.4" },
    createSignInThrottle(),
  );
  expect(result).toMatchObject({ ok: true, user: { role: "admin" } });

  // Changed variables later do not create or reset anyone.
  expect(await ensureFirstAdmin({ email: "admin@hub.local", password: "another-password" })).toBe("exists");
  expect(await ensureFirstAdmin({ email: "other@hub.local", password: "another-password" })).toBe("exists");
  expect(await db.user.count()).toBe(1);
  expect(await db.auditLog.findFirst({ where: { action: "user.invite" } })).toMatchObject({ actorEmail: null });
});

test("two servers starting at once create one admin", async () => {
  await db.user.deleteMany();
  const outcomes = await Promise.all(
    [1, 2, 3].map(() => ensureFirstAdmin({ email: "race@hub.local", password: "race-password-1" })),
  );
  expect(outcomes.filter((o) => o === "created")).toHaveLength(1);
  expect(await db.user.count()).toBe(1);
});
