import { randomBytes } from "node:crypto";

/**
 * A campaign's start code: the payload of `t.me/<bot>?start=<code>`. Telegram accepts at most 64
 * characters of `A-Za-z0-9_-` there; the same code tags the Salebot tracking link
 * (`hub_campaign=<code>`), so one validator serves both forms.
 */
export const START_CODE = /^[A-Za-z0-9_-]{1,64}$/;
export const START_CODE_MAX = 64;

export function isStartCode(value: string): boolean {
  return START_CODE.test(value);
}

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
/** Generated codes: 10 characters of a lower-case alphabet without look-alikes (l/1, o/0), ~50 bits. */
export const GENERATED_CODE_LENGTH = 10;

/** A fresh code, prefixed `c_` so a generated code is told apart from a hand-made one at a glance. */
export function generateStartCode(random: (size: number) => Uint8Array = randomBytes): string {
  const bytes = random(GENERATED_CODE_LENGTH);
  let code = "c_";
  // 256 is a multiple of 32, so `% 32` picks every letter equally often.
  for (const byte of bytes) code += ALPHABET[byte % ALPHABET.length];
  return code;
}

/** A Telegram bot username as people paste it: `@name_bot`, `t.me/name_bot` or the bare name. */
export function normalizeBotUsername(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/^(t\.me|telegram\.me)\//i, "")
    .replace(/^@/, "")
    .replace(/[/?#].*$/, "");
}

/** Telegram usernames: 5–32 characters of letters, digits and underscores, starting with a letter. */
export const BOT_USERNAME = /^[A-Za-z][A-Za-z0-9_]{4,31}$/;

/** The `<link>` of `https://salebot.pro/r/<link>`, also accepted as the whole URL. */
export function normalizeSalebotLink(value: string): string {
  return value
    .trim()
    .replace(/^https?:\/\//i, "")
    .replace(/^salebot\.pro\/r\//i, "")
    .replace(/[/?#].*$/, "");
}

export const SALEBOT_LINK = /^[A-Za-z0-9_.-]{1,100}$/;
