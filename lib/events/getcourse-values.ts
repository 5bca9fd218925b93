import { DEAL_STATUS_TITLES, isDealStatus } from "@/lib/getcourse/statuses";

/**
 * Reading single values the way GetCourse writes them: placeholders that were left as typed,
 * money as "14 900 руб." or "12 000,00", statuses as codes or Russian titles.
 */

const PLACEHOLDER_LEFT_AS_TYPED = /\{\s*(?:object|create_session|manager|deal|user)[.\w]*[^{}]*\}/i;
const MISSING_WORDS = new Set(["null", "undefined", "none"]);

/** A trimmed text value, or null for "", an unsubstituted `{object.x}` placeholder, or null-like words. */
export function cleanValue(raw: unknown): string | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === "bigint") return String(raw);
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (text === "" || MISSING_WORDS.has(text.toLowerCase())) return null;
  // GetCourse leaves a placeholder it does not know as typed (or as ""), depending on the account.
  if (/^\{[^{}]*\}$/.test(text) || PLACEHOLDER_LEFT_AS_TYPED.test(text)) return null;
  return text;
}

export const DEFAULT_CURRENCY = "RUB";

// Order matters: "бел. руб." must win over "руб.".
const CURRENCY_HINTS: ReadonlyArray<[RegExp, string]> = [
  [/бел\.?\s*руб|\bBYN\b/i, "BYN"],
  [/\bBYR\b/i, "BYR"],
  [/руб|₽|\bRU[BR]\b|(?:^|[\s\d])р\.?(?:$|\s)/i, "RUB"],
  [/\$|\bUSD\b|долл/i, "USD"],
  [/€|\bEUR\b|евро/i, "EUR"],
  [/£|\bGBP\b/i, "GBP"],
  [/₸|\bKZT\b|тенге|(?:^|[\s\d])тг\.?(?:$|\s)/i, "KZT"],
  [/₴|\bUAH\b|грн/i, "UAH"],
];

/** The currency a money text names ("14 900 руб." → RUB), or null when it names none. */
export function currencyOf(text: string): string | null {
  for (const [pattern, code] of CURRENCY_HINTS) if (pattern.test(text)) return code;
  const code = /\b([A-Z]{3})\b/.exec(text)?.[1];
  return code ?? null;
}

/** A currency code as given (`rub` → RUB), or null when it is not a three-letter code. */
export function normaliseCurrency(raw: unknown): string | null {
  const text = cleanValue(raw);
  if (!text) return null;
  if (/^[A-Za-z]{3}$/.test(text)) return text.toUpperCase();
  return currencyOf(text);
}

export type Money = { amount: string; currency: string | null };

function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const absolute = Math.abs(cents);
  return `${sign}${Math.floor(absolute / 100)}.${String(absolute % 100).padStart(2, "0")}`;
}

/** Which of "," and "." separates the fraction in a digits-and-separators text, if any. */
function decimalSeparator(number: string): "," | "." | null {
  const lastComma = number.lastIndexOf(",");
  const lastDot = number.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) return lastComma > lastDot ? "," : ".";
  const separator = lastComma >= 0 ? "," : lastDot >= 0 ? "." : null;
  if (!separator) return null;
  // Repeated, it groups thousands ("1.500.000"); a lone comma before exactly three digits does too ("1,500").
  if (number.indexOf(separator) !== number.lastIndexOf(separator)) return null;
  if (separator === "," && /,\d{3}$/.test(number)) return null;
  return separator;
}

/**
 * Money in major units with two decimals: 14900, "1500", "1 500.00 руб.", "12 000,00",
 * "1,500.50 USD". Null for empty or placeholder values; `undefined` when the text holds no number.
 */
export function parseMoney(raw: unknown): Money | null | undefined {
  if (typeof raw === "number") {
    // 1e308 is finite but its cents are not (they came out as "Infinity.NaN"): whole cents only.
    const cents = Math.round(raw * 100);
    return Number.isSafeInteger(cents) ? { amount: formatCents(cents), currency: null } : undefined;
  }
  const text = cleanValue(raw);
  if (text === null) return null;
  const match = /(-?)\s*(\d[\d\s\u00a0\u202f\u2009.,']*)/.exec(text);
  if (!match) return undefined;
  const negative = match[1] === "-";
  const number = (match[2] ?? "").replace(/[\s\u00a0\u202f\u2009']/g, "").replace(/[.,]+$/, "");
  const separator = decimalSeparator(number);
  const [integerPart = "0", fractionPart = ""] = separator
    ? [number.slice(0, number.lastIndexOf(separator)), number.slice(number.lastIndexOf(separator) + 1)]
    : [number, ""];
  const integer = Number(integerPart.replace(/[.,]/g, "") || "0");
  const fraction = fractionPart === "" ? 0 : Math.round(Number(`0.${fractionPart}`) * 100);
  if (!Number.isSafeInteger(integer)) return undefined;
  const cents = integer * 100 + fraction;
  return { amount: formatCents(negative ? -cents : cents), currency: currencyOf(text) };
}

export const PAID_STATUSES: ReadonlySet<string> = new Set(["payed", "part_payed"]);
/** Refund requested, cancelled or false: the money does not count, whatever came before. */
export const NOT_PAID_STATUSES: ReadonlySet<string> = new Set(["cancelled", "false", "waiting_for_return"]);

const fold = (text: string) => text.trim().toLowerCase().replace(/ё/g, "е").replace(/\s+/g, " ");

const STATUS_ALIASES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(DEAL_STATUS_TITLES).map(([code, title]): [string, string] => [fold(title), code]),
  ["paid", "payed"],
  ["part_paid", "part_payed"],
  ["partially_paid", "part_payed"],
  ["canceled", "cancelled"],
  ["оплачен", "payed"],
  ["оплачено", "payed"],
]);

/** A deal status code: codes pass through, Russian titles ("Завершен") map to codes; unknown text is kept, lower-cased. */
export function normaliseStatus(raw: unknown): string | null {
  const text = cleanValue(raw);
  if (text === null) return null;
  const folded = fold(text);
  if (isDealStatus(folded)) return folded;
  return STATUS_ALIASES.get(folded) ?? folded.slice(0, 64);
}

/** Compares two decimal strings from `parseMoney`. */
export function compareAmounts(a: string, b: string): number {
  const cents = (value: string) => Math.round(Number(value) * 100);
  return Math.sign(cents(a) - cents(b));
}
