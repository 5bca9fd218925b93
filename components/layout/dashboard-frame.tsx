import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { LocaleSwitch } from "./locale-switch";
import { MobileNav } from "./mobile-nav";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";

/**
 * The staff frame: the sidebar on wide screens, a menu button on narrow ones, the user and the
 * language in the header. `min-w-0` lets the content column shrink below its widest table, so
 * tables scroll inside their own box and the page never scrolls sideways.
 */
export function DashboardFrame({
  user,
  t,
  locale,
  children,
}: {
  user: SessionUser;
  t: Translate;
  locale: Locale;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <aside className="hidden w-60 shrink-0 border-r border-border bg-card p-4 md:block">
        <p className="mb-6 px-3 text-sm font-semibold">{t("app.name")}</p>
        <Sidebar t={t} user={user} />
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-2 border-b border-border bg-card px-4 py-3 md:px-6">
          <MobileNav title={t("app.name")} openLabel={t("nav.menu.open")} closeLabel={t("nav.menu.close")}>
            <p className="break-all px-3 text-sm text-muted-foreground sm:hidden" data-testid="menu-current-user">
              {user.email} · {t(`auth.role.${user.role}` as const)}
            </p>
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
