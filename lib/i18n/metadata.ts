import type { Metadata } from "next";
import { getSessionUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import type { MessageKey } from "./messages";
import { getTranslator } from "./server";

async function titleOf(key: MessageKey, permission?: Permission, exists?: () => Promise<boolean>): Promise<Metadata> {
  const [{ t }, user] = await Promise.all([getTranslator(), permission ? getSessionUser() : null]);
  if (permission && user && !can(user, permission)) return { title: t("auth.forbidden.title") };
  if (exists && !(await exists())) return { title: t("notFound.title") };
  return { title: t(key) };
}

/**
 * A page's `generateMetadata`: its <title> is the name of its menu item in the viewer's language
 * (the root layout appends the hub's name), so a tab and the history read like the menu. Given the
 * page's permission, a viewer without it reads the title of the 403 page they are shown instead.
 */
export function titledBy(key: MessageKey, permission?: Permission): () => Promise<Metadata> {
  return () => titleOf(key, permission);
}

/**
 * The same for a page of one record (a customer card): when `exists` says there is no such record,
 * the page shows the 404 card, and the tab says «Страница не найдена» with it, not the card's name.
 * `exists` gets the page's own props; wrap its query in React's `cache` so the page reuses it.
 */
export function titledWhenFound<Props>(
  key: MessageKey,
  permission: Permission,
  exists: (props: Props) => Promise<boolean>,
): (props: Props) => Promise<Metadata> {
  return (props) => titleOf(key, permission, () => exists(props));
}
