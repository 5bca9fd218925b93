import { describe, expect, test } from "vitest";
import { can, isPermission, isRole, PERMISSIONS, permissionsOf, type Role, ROLES } from "./permissions";

const admin = { role: "admin" as Role };
const staff = { role: "staff" as Role };
const marketer = { role: "marketer" as Role };

describe("admin", () => {
  test("may do everything", () => {
    for (const permission of PERMISSIONS) expect(can(admin, permission), permission).toBe(true);
  });
});

describe("staff", () => {
  test("reads everything operational and retries, but no settings, relink, users, audit or backfill", () => {
    for (const permission of [
      "overview.read",
      "links.read",
      "customers.read",
      "failures.read",
      "deliveries.read",
      "analytics.read",
      "exports.read",
      "campaigns.read",
      "metrics.read",
    ] as const) {
      expect(can(staff, permission), permission).toBe(true);
    }
    expect(can(staff, "failures.retry")).toBe(true);
    expect(can(staff, "deliveries.retry")).toBe(true);
    expect(can(staff, "suggestions.decide")).toBe(true);
    for (const permission of [
      "links.relink",
      "failures.dismiss",
      "settings.manage",
      "users.manage",
      "audit.read",
      "backfill.run",
      "campaigns.write",
    ] as const) {
      expect(can(staff, permission), permission).toBe(false);
    }
  });
});

describe("marketer", () => {
  test("gets analytics, exports, campaigns and the links list, and nothing about one customer", () => {
    expect(permissionsOf("marketer").sort()).toEqual(
      ["overview.read", "links.read", "analytics.read", "exports.read", "campaigns.read", "campaigns.write"].sort(),
    );
    for (const permission of [
      "customers.read",
      "failures.read",
      "failures.retry",
      "deliveries.read",
      "links.relink",
      "users.manage",
    ] as const) {
      expect(can(marketer, permission), permission).toBe(false);
    }
  });
});

test("nobody signed in may do anything", () => {
  for (const permission of PERMISSIONS) {
    expect(can(null, permission)).toBe(false);
    expect(can(undefined, permission)).toBe(false);
  }
});

test("every permission belongs to admin, and every role has at least the overview", () => {
  for (const role of ROLES) expect(permissionsOf(role)).toContain("overview.read");
  expect(permissionsOf("admin")).toEqual([...PERMISSIONS]);
});

test("guards for untrusted strings", () => {
  expect(isRole("staff")).toBe(true);
  expect(isRole("root")).toBe(false);
  expect(isPermission("users.manage")).toBe(true);
  expect(isPermission("users.delete")).toBe(false);
});
