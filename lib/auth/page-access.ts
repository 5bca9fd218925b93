import { can, type HasRole, type Permission } from "./permissions";

/**
 * The permission each dashboard page requires (the same one its `requirePageUser` asks for), by
 * path prefix, longest first. Links check it so nobody is shown a door that answers 403.
 */
const PAGES: readonly [prefix: string, permission: Permission][] = [
  ["/links/relink", "links.relink"],
  ["/failures", "failures.read"],
  ["/suggestions", "suggestions.read"],
  ["/deliveries", "deliveries.read"],
  ["/customers", "customers.read"],
  ["/analytics", "analytics.read"],
  ["/campaigns", "campaigns.read"],
  ["/settings", "settings.manage"],
  ["/users", "users.manage"],
  ["/audit", "audit.read"],
  ["/links", "links.read"],
];

export function pagePermission(href: string): Permission | null {
  const path = href.split(/[?#]/, 1)[0] ?? href;
  const match = PAGES.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`));
  return match ? match[1] : path === "/" ? "overview.read" : null;
}

/** Whether `user` may open the dashboard page at `href` (pages not listed: any signed-in user). */
export function mayOpen(user: HasRole, href: string): boolean {
  const permission = pagePermission(href);
  return permission === null || can(user, permission);
}
