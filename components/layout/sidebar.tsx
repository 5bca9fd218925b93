import { can, type HasRole, type Permission } from "@/lib/auth/permissions";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { NavLinks } from "./nav-links";

// Each entry names the permission its page requires, so nobody is shown a door that answers 403.
const NAV: { href: string; label: MessageKey; permission: Permission }[] = [
  { href: "/", label: "nav.overview", permission: "overview.read" },
  { href: "/links", label: "nav.links", permission: "links.read" },
  { href: "/links/relink", label: "nav.relink", permission: "links.relink" },
  { href: "/failures", label: "nav.failures", permission: "failures.read" },
  { href: "/suggestions", label: "nav.suggestions", permission: "suggestions.read" },
  { href: "/deliveries", label: "nav.deliveries", permission: "deliveries.read" },
  { href: "/analytics", label: "nav.analytics", permission: "analytics.read" },
  { href: "/campaigns", label: "nav.campaigns", permission: "campaigns.read" },
  { href: "/settings", label: "nav.settings", permission: "settings.manage" },
  { href: "/users", label: "nav.users", permission: "users.manage" },
  { href: "/audit", label: "nav.audit", permission: "audit.read" },
];

export function Sidebar({ t, user }: { t: Translate; user: HasRole }) {
  return (
    <nav aria-label="main" className="flex flex-col gap-1">
      <NavLinks
        items={NAV.filter((item) => can(user, item.permission)).map((item) => ({
          href: item.href,
          label: t(item.label),
        }))}
      />
    </nav>
  );
}
