import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { MobileNav } from "@/components/layout/mobile-nav";
import { Sidebar } from "@/components/layout/sidebar";
import { UserMenu } from "@/components/layout/user-menu";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

// The staff dashboard's frame. It lives in a route group so public pages such as /connect
// (opened by customers) do not get the staff navigation; the group does not change any path.
// Signing in is checked here for the frame, and again by every page for its own permission
// (a layout does not re-run on every navigation, so it cannot be the only check).
// `min-w-0` lets the content column shrink below its widest table: tables scroll inside their
// own box, and the page never scrolls sideways.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getTranslator(), requirePageUser()]);
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 shrink-0 border-r border-border bg-card p-4 md:block">
        <p className="mb-6 px-3 text-sm font-semibold">{t("app.name")}</p>
        <Sidebar t={t} user={user} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-border bg-card px-4 py-3 md:px-6">
          <MobileNav title={t("app.name")} openLabel={t("nav.menu.open")} closeLabel={t("nav.menu.close")}>
            <Sidebar t={t} user={user} />
          </MobileNav>
          <div className="ml-auto flex min-w-0 items-center gap-2 sm:gap-4">
            <UserMenu user={user} t={t} />
            <LocaleSwitch current={locale} label={t("locale.switch")} />
          </div>
        </header>
        <main className="min-w-0 flex-1 p-4 md:p-6">{children}</main>
      </div>
    </div>
  );
}
