/**
 * What an admin pastes elsewhere: the GetCourse process «Вызвать URL» (DESIGN.md: GC substitutes
 * the `{object.…}` placeholders, so they stay unencoded), the Salebot webhook address, and the
 * `/api/link` block for the bot. Built from the public base URL and the tokens callers must present:
 * the GetCourse webhook's own token in the «Вызвать URL», the link token everywhere else.
 */

export type PasteTargets = {
  getcourseProcessUrl: string;
  salebotWebhookUrl: string;
  linkUrl: string;
  linkBlockBody: string;
};

const GC_PLACEHOLDERS = [
  ["deal_id", "{object.id}"],
  ["deal_number", "{object.number}"],
  ["email", "{object.user.email}"],
  ["user_id", "{object.user.id}"],
  ["status", "{object.status}"],
  ["cost", "{object.cost_money_value}"],
  ["paid", "{object.payed_money}"],
  ["offer", "{object.positions}"],
  // The buyer's phone: the hub keeps it to match chats by phone (lib/matching), never sends it on.
  ["phone", "{object.user.phone}"],
] as const;

export type PasteTokens = { link: string; getcourseWebhook: string };

export function pasteTargets(baseUrl: string, tokens: PasteTokens, event = "paid"): PasteTargets {
  const base = baseUrl.replace(/\/+$/, "");
  const encodedToken = encodeURIComponent(tokens.link);
  const gcQuery = [
    `token=${encodeURIComponent(tokens.getcourseWebhook)}`,
    `event=${encodeURIComponent(event)}`,
    ...GC_PLACEHOLDERS.map(([name, value]) => `${name}=${value}`),
  ].join("&");
  return {
    getcourseProcessUrl: `${base}/api/webhooks/getcourse?${gcQuery}`,
    salebotWebhookUrl: `${base}/api/webhooks/salebot?token=${encodedToken}`,
    linkUrl: `${base}/api/link?token=${encodedToken}`,
    // Salebot substitutes #{variable}; the hub answers {"success": …} the block can branch on.
    linkBlockBody: JSON.stringify({ email: "#{email}", telegram_id: "#{platform_id}", sb_id: "#{client_id}" }, null, 2),
  };
}
