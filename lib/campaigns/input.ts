import { looksLikeStartLinkCode } from "@/lib/linking/start-link/code";
import { BOT_USERNAME, isStartCode, normalizeBotUsername, normalizeSalebotLink, SALEBOT_LINK } from "./code";
import { UTM_KEYS, type UtmSet } from "./utm";

/**
 * The create form's fields, checked field by field so the page can show each error beside its
 * input. Pure: unit-tested without a database. Codes, not texts: the page translates them.
 */
export const CAMPAIGN_KINDS = ["telegram_start", "salebot_link"] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export type CampaignField = "name" | "bot" | "kind" | "salebotLink" | "startCode" | keyof UtmSet;
export type FieldError =
  | "required"
  | "too_long"
  | "invalid_bot"
  | "invalid_link"
  | "invalid_code"
  | "code_taken"
  | "invalid_kind"
  | "reserved_code";
export type FieldErrors = Partial<Record<CampaignField, FieldError>>;

export type CampaignInput = UtmSet & {
  name: string;
  bot: string;
  kind: CampaignKind;
  salebotLink: string | null;
  /** null: the hub generates one. */
  startCode: string | null;
};

export type RawCampaignInput = Partial<Record<CampaignField, string | null | undefined>>;

const NAME_MAX = 120;
const UTM_MAX = 200;

const text = (value: string | null | undefined): string => (value ?? "").trim();
const orNull = (value: string): string | null => (value === "" ? null : value);

function isCampaignKind(value: string): value is CampaignKind {
  return (CAMPAIGN_KINDS as readonly string[]).includes(value);
}

export function parseCampaignInput(
  raw: RawCampaignInput,
): { ok: true; value: CampaignInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const name = text(raw.name);
  if (!name) errors.name = "required";
  else if (name.length > NAME_MAX) errors.name = "too_long";

  const bot = normalizeBotUsername(text(raw.bot));
  if (!bot) errors.bot = "required";
  else if (!BOT_USERNAME.test(bot)) errors.bot = "invalid_bot";

  const kindText = text(raw.kind) || "telegram_start";
  const kind: CampaignKind = isCampaignKind(kindText) ? kindText : "telegram_start";
  if (!isCampaignKind(kindText)) errors.kind = "invalid_kind";

  // The Salebot form is optional for a Telegram campaign: when given, the page shows both links.
  const salebotLink = normalizeSalebotLink(text(raw.salebotLink));
  if (!salebotLink && kind === "salebot_link") errors.salebotLink = "required";
  else if (salebotLink && !SALEBOT_LINK.test(salebotLink)) errors.salebotLink = "invalid_link";

  const startCode = text(raw.startCode);
  if (startCode && !isStartCode(startCode)) errors.startCode = "invalid_code";
  // `gc-…` is the personal start links' prefix: a campaign code there would be read as a forged one.
  else if (startCode && looksLikeStartLinkCode(startCode)) errors.startCode = "reserved_code";

  const utm = {} as UtmSet;
  for (const key of UTM_KEYS) {
    const value = text(raw[key]);
    if (value.length > UTM_MAX) errors[key] = "too_long";
    utm[key] = orNull(value);
  }
  // A campaign without a source would be invisible in the analytics' utm_source grouping.
  if (!utm.utmSource && !errors.utmSource) errors.utmSource = "required";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { name, bot, kind, salebotLink: orNull(salebotLink), startCode: orNull(startCode), ...utm },
  };
}
