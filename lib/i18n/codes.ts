import { DEAL_STATUSES } from "@/lib/getcourse/statuses";
import { LINK_ERROR_CODES } from "@/lib/linking/error-codes";
import type { MessageKey, Translate } from "./messages";

/**
 * Labels for the codes people see. The data and the JSON APIs keep the codes (bots and scripts
 * branch on them); only the UI turns them into words, here, so every page says the same thing.
 * An unknown code gets a generic label: the caller may show the code beside it as a detail.
 */

const OUTCOMES = ["success", "failed", "queued"] as const;
const EVENTS = ["created", "paid", "status_changed"] as const;
const MESSENGERS = ["telegram", "vk", "whatsapp", "instagram", "viber"] as const;
const GC_UNREADABLE = ["no_deal_id", "unreadable_body", "not_an_object"] as const;

function known<const T extends string>(list: readonly T[], value: string | null | undefined): value is T {
  return typeof value === "string" && (list as readonly string[]).includes(value);
}

export function errorCodeLabel(t: Translate, code: string | null | undefined): string {
  return t(known(LINK_ERROR_CODES, code) ? `code.error.${code}` : "code.error.unknown");
}

export function outcomeLabel(t: Translate, outcome: string): string {
  return known(OUTCOMES, outcome) ? t(`code.outcome.${outcome}`) : outcome;
}

/** A GetCourse deal status in GetCourse's own words; null when GC sent none. */
export function gcStatusLabel(t: Translate, status: string | null | undefined): string | null {
  if (status === null || status === undefined || status === "") return null;
  return t(known(DEAL_STATUSES, status) ? `code.gcStatus.${status}` : "code.gcStatus.unknown");
}

/** An order event (`paid`) or a delivery kind named after it (`order_paid`). */
export function eventLabel(t: Translate, kind: string): string {
  const event = kind.startsWith("order_") ? kind.slice("order_".length) : kind;
  return t(known(EVENTS, event) ? `code.event.${event}` : "code.event.unknown");
}

/** Salebot's messenger code in its usual spelling; an unknown one as it came (it is a name). */
export function messengerLabel(t: Translate, messenger: string | null | undefined): string | null {
  if (!messenger) return null;
  const lower = messenger.toLowerCase();
  return known(MESSENGERS, lower) ? t(`code.messenger.${lower}` as MessageKey) : messenger;
}

/**
 * A Salebot bot as people know it. Salebot names a Telegram bot by its username ("school_main_bot")
 * but a VK bot by its community's number, which reads as nothing on its own: "ВКонтакте bot
 * 212345678" says what it is. A number whose messenger is unknown is still marked as a bot's.
 */
export function botLabel(t: Translate, bot: string | null | undefined, messenger?: string | null): string | null {
  if (!bot) return null;
  if (!/^\d+$/.test(bot)) return bot;
  const name = messengerLabel(t, messenger);
  return name ? t("code.bot.numbered", { messenger: name, id: bot }) : t("code.bot.id", { id: bot });
}

/** Why a GetCourse call could not be read (`no_deal_id`, …): /failures/getcourse. */
export function gcUnreadableLabel(t: Translate, reason: string): string {
  return t(known(GC_UNREADABLE, reason) ? `code.gcUnreadable.${reason}` : "code.gcUnreadable.unknown");
}
