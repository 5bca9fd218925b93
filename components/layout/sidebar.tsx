import Link from "next/link";
import type { MessageKey, Translate } from "@/lib/i18n/messages";

const NAV: { href: string; label: MessageKey }[] = [
  { href: "/", label: "nav.overview" },
  { href: "/links", label: "nav.links" },
  { href: "/failures", label: "nav.failures" },
  { href: "/deliveries", label: "nav.deliveries" },
  { href: "/analytics", label: "nav.analytics" },
  { href: "/campaigns", label: "nav.campaigns" },
  { href: "/settings", label: "nav.settings" },
  { href: "/users", label: "nav.users" },
  { href: "/audit", label: "nav.audit" },
];

export function Sidebar({ t }: { t: Translate }) {
  return (
    <nav aria-label="main" className="flex flex-col gap-1">
      {NAV.map((item) => (
        <Link key={item.href} href={item.href} className="rounded-md px-3 py-2 text-sm hover:bg-muted">
          {t(item.label)}
        </Link>
      ))}
    </nav>
  );
}
