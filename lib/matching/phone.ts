/**
 * Phones as the matcher compares them: "+" and the digits with the country code (E.164 shape).
 * Russian habits are read the way people write them: a leading 8 before ten digits is +7
 * (8 900 123-45-67), and ten digits starting with 9 are a Russian mobile without its +7.
 * WhatsApp client ids carry `@s.whatsapp.net` or `@c.us` after the number.
 */
const MIN_DIGITS = 10;
const MAX_DIGITS = 15;

export function normalisePhone(raw: string | number | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = String(raw)
    .trim()
    .replace(/@(s\.whatsapp\.net|c\.us)$/i, "");
  // Letters other than an extension mark mean it is not a phone (an e-mail, a name, a code).
  if (/[a-zа-яё]/i.test(text.replace(/(доб|ext)\.?\s*\d+$/i, ""))) return null;
  const main = text.replace(/(доб|ext)\.?\s*\d+$/i, "");
  if (!/^[\s+()\-.\d]+$/.test(main)) return null;
  let digits = main.replace(/\D/g, "");
  if (main.trim().startsWith("00")) digits = digits.slice(2);
  if (digits.length === 11 && digits.startsWith("8")) digits = `7${digits.slice(1)}`;
  else if (digits.length === 10 && digits.startsWith("9") && !main.trim().startsWith("+")) digits = `7${digits}`;
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS || digits.startsWith("0")) return null;
  return `+${digits}`;
}

/** Phone-like runs in free text, normalised and without repeats, in order of appearance. */
const PHONE_RUN = /(?<![\w@.])\+?\d[\d\s()\-.]{8,20}\d(?![\w@])/g;

export function findPhones(text: string | null | undefined): string[] {
  if (!text) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(PHONE_RUN)) {
    const phone = normalisePhone(match[0]);
    if (phone) found.add(phone);
  }
  return [...found];
}
