import type { Metadata } from "next";
import { getSessionUser } from "@/lib/auth/session";
import { can, type Permission } from "@/lib/auth/permissions";
import type { MessageKey } from "./messages";
import { getTranslator } from "./server";

/**
 * A page's `generateMetadata`: its <title> is the name of its menu item in the viewer's language
 * (the root layout appends the hub's name), so a tab and the history read like the menu. Given the
 * page's permission, a viewer without it reads the title of the 403 page they are shown instead.
 */
export function titledBy(key: MessageKey, permission?: Permission): () => Promise<Metadata> {
  return async () => {
    const [{ t }, user] = await Promise.all([getTranslator(), permission ? getSessionUser() : null]);
    if (permission && user && !can(user, permission)) return { title: t("auth.forbidden.title") };
    return { title: t(key) };
  };
}
