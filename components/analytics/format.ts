import type { Locale } from "@/lib/i18n/messages";

/**
 * Number, percent and money text for the analytics page in the viewer's language. Pure, so the
 * server sections and the client charts format alike.
 */
export type Formats = {
  count: (value: number) => string;
  percent: (value: number | null) => string;
  money: (value: number, currency: string) => string;
  decimal: (value: number) => string;
};

export function formatsFor(locale: Locale): Formats {
  const tag = locale === "ru" ? "ru-RU" : "en-GB";
  const count = new Intl.NumberFormat(tag);
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  return {
    count: (value) => count.format(value),
    percent: (value) => (value === null ? "—" : percent.format(value)),
    // A currency code GC sends may be unknown to Intl; the amount must still show.
    money: (value, currency) => {
      try {
        return new Intl.NumberFormat(tag, { style: "currency", currency, maximumFractionDigits: 2 }).format(value);
      } catch {
        return `${count.format(value)} ${currency}`;
      }
    },
    decimal: (value) => decimal.format(value),
  };
}

/** `part` as a share of `whole`; null when there is nothing to divide by (shown as "—", not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Replaces `{name}` placeholders in a translated message. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
