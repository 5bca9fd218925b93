import Link from "next/link";
import { SignOutButton } from "@/components/auth/sign-out-button";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Translate } from "@/lib/i18n/messages";

export function UserMenu({ user, t }: { user: SessionUser; t: Translate }) {
  return (
    <div className="flex min-w-0 items-center gap-2 sm:gap-3">
      {/* On a phone there is no room for it beside the links: the menu panel names the user instead. */}
      <span className="hidden min-w-0 truncate text-sm sm:block" data-testid="current-user" title={user.email}>
        {user.email}{" "}
        <span className="hidden text-muted-foreground sm:inline">· {t(`auth.role.${user.role}` as const)}</span>
      </span>
      <Link href="/account" className="text-sm hover:underline" data-testid="account-link">
        {t("nav.account")}
      </Link>
      <SignOutButton label={t("auth.signOut")} />
    </div>
  );
}
