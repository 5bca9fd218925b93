import type { Metadata } from "next";
import type { MessageKey } from "./messages";
import { getTranslator } from "./server";

/**
 * A page's `generateMetadata`: its <title> is the name of its menu item in the viewer's language
 * (the root layout appends the hub's name), so a tab and the history read like the menu.
 */
export function titledBy(key: MessageKey): () => Promise<Metadata> {
  return async () => {
    const { t } = await getTranslator();
    return { title: t(key) };
  };
}
