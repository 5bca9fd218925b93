/**
 * Who may do what. One pure matrix from role to permissions, read through the named predicate
 * `can(user, permission)`, so pages, server actions and route handlers ask the same question and
 * a unit test can pin the whole table down.
 */

export const ROLES = ["admin", "staff", "marketer"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "overview.read",
  "links.read",
  "links.relink",
  "customers.read",
  "failures.read",
  "failures.retry",
  "failures.dismiss",
  "deliveries.read",
  "deliveries.retry",
  "analytics.read",
  "exports.read",
  "campaigns.read",
  "campaigns.write",
  "metrics.read",
  "settings.manage",
  "users.manage",
  "audit.read",
  "backfill.run",
  "suggestions.read",
  "suggestions.decide",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const EVERYONE: readonly Role[] = ROLES;

/**
 * Admin: everything. Staff: reads everything and retries failures and deliveries, but no settings,
 * relink, users or audit. Marketer: analytics, exports, campaigns and the links list; nothing
 * about a single customer (no customer cards, failures or deliveries).
 */
const MATRIX: Record<Permission, readonly Role[]> = {
  "overview.read": EVERYONE,
  "links.read": EVERYONE,
  "links.relink": ["admin"],
  "customers.read": ["admin", "staff"],
  "failures.read": ["admin", "staff"],
  "failures.retry": ["admin", "staff"],
  // Closing a failure unfixed hides it from everyone: an admin's call, like a relink.
  "failures.dismiss": ["admin"],
  "deliveries.read": ["admin", "staff"],
  "deliveries.retry": ["admin", "staff"],
  "analytics.read": EVERYONE,
  "exports.read": EVERYONE,
  "campaigns.read": EVERYONE,
  "campaigns.write": ["admin", "marketer"],
  // Operational metrics (Prometheus): people who run the hub, not marketing.
  "metrics.read": ["admin", "staff"],
  "settings.manage": ["admin"],
  "users.manage": ["admin"],
  "audit.read": ["admin"],
  "backfill.run": ["admin"],
  // Confirming a match links through the bot's own flow (the conflict rule holds), so it is the
  // everyday work of whoever answers the chats, not an admin's relink.
  "suggestions.read": ["admin", "staff"],
  "suggestions.decide": ["admin", "staff"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}

/** Anything with a role: a session user, a Principal of kind "user". */
export type HasRole = { role: Role };

export function can(user: HasRole | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  return MATRIX[permission].includes(user.role);
}

/** The roles holding a permission (for tests and the access table). */
export function rolesWith(permission: Permission): readonly Role[] {
  return MATRIX[permission];
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => MATRIX[permission].includes(role));
}
