import type { UtmSet } from "./utm";
import { UTM_KEYS, UTM_PARAM } from "./utm";

/**
 * The two forms of a campaign link. The Salebot form puts every UTM tag and the campaign's code
 * in the query (Salebot stores each parameter as a variable once the bot starts, docs §5), so
 * attribution reads `hub_campaign` back exactly; the Telegram form carries only the code and the
 * hub maps it back to the UTM set.
 */
export const SALEBOT_LINK_BASE = "https://salebot.pro/r/";
export const CAMPAIGN_MARKER = "hub_campaign";

export type LinkSource = { bot: string; startCode: string; salebotLink: string | null } & UtmSet;

export function telegramStartLink(source: Pick<LinkSource, "bot" | "startCode">): string {
  return `https://t.me/${source.bot}?start=${source.startCode}`;
}

/** null without a Salebot link slug: that form needs the project's own `salebot.pro/r/<link>`. */
export function salebotTrackingLink(source: LinkSource): string | null {
  if (!source.salebotLink) return null;
  const query = new URLSearchParams();
  for (const key of UTM_KEYS) {
    const value = source[key];
    if (value) query.set(UTM_PARAM[key], value);
  }
  query.set(CAMPAIGN_MARKER, source.startCode);
  return `${SALEBOT_LINK_BASE}${encodeURIComponent(source.salebotLink)}?${query.toString()}`;
}
