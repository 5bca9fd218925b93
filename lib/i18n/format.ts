import { languageTag, type Locale } from "./messages";

/**
 * The one way the UI writes numbers, money, dates and times: in the viewer's language and the
 * school's time zone (TIME_ZONE), never the server's. Pure, so server pages, client charts and
 * tests format alike; pages get one from `getFormatters()` (./server.ts).
 */
export type Formats = {
  locale: Locale;
  timeZone: string;
  count: (value: number) => string;
  decimal: (value: number) => string;
  /** A share from 0 to 1; null (nothing to divide by) is "—", not 0 %. */
  percent: (value: number | null) => string;
  /** "59 000 ₽", kopecks only when there are any. Amounts arrive as numbers or decimal strings. */
  money: (value: number | string, currency: string) => string;
  /** "01.03.2026, 14:05" in the school's zone. */
  dateTime: (value: Date | string | null | undefined) => string;
  /** The same with seconds, for logs where order within a minute matters. */
  dateTimeSeconds: (value: Date | string | null | undefined) => string;
  /** "01.03.2026" in the school's zone. */
  date: (value: Date | string | null | undefined) => string;
};

const EMPTY = "—";

function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatsFor(locale: Locale, timeZone = "Europe/Moscow"): Formats {
  const tag = languageTag(locale);
  const count = new Intl.NumberFormat(tag);
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const plainMoney = new Intl.NumberFormat(tag, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short", timeZone });
  const dateTimeSeconds = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "medium", timeZone });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeZone });
  const dated = (format: Intl.DateTimeFormat) => (value: Date | string | null | undefined) => {
    const at = asDate(value);
    return at ? format.format(at) : EMPTY;
  };
  return {
    locale,
    timeZone,
    count: (value) => count.format(value),
    decimal: (value) => decimal.format(value),
    percent: (value) => (value === null ? EMPTY : percent.format(value)),
    money: (value, currency) => {
      const amount = typeof value === "number" ? value : Number(value);
      if (!Number.isFinite(amount)) return `${value} ${currency}`;
      try {
        return new Intl.NumberFormat(tag, {
          style: "currency",
          currency,
          minimumFractionDigits: 0,
          maximumFractionDigits: 2,
        }).format(amount);
      } catch {
        // GetCourse may send a currency that is not an ISO code; show it as it came.
        return `${plainMoney.format(amount)} ${currency}`;
      }
    },
    dateTime: dated(dateTime),
    dateTimeSeconds: dated(dateTimeSeconds),
    date: dated(date),
  };
}

/** The calendar day (YYYY-MM-DD) `at` falls on in `timeZone`: CSV file names, day filters. */
export function dayIn(timeZone: string, at: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/**
 * `at` as ISO 8601 in `timeZone` with its offset ("2026-03-01T14:05:09+03:00"): what CSV cells
 * hold, so a spreadsheet shows the school's time and a script still reads an exact instant.
 */
export function isoInZone(at: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
