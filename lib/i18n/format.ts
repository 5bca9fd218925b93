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
  /**
   * One exact amount (an order's cost, a payment): "59 000 ₽" when it is whole, "1 990,50 ₽" (always
   * two digits) when it has kopecks, so the price a customer saw is never rounded away.
   * Amounts arrive as numbers or decimal strings.
   */
  money: (value: number | string, currency: string) => string;
  /**
   * A sum or an average over many amounts (revenue, average order, chart totals): whole units,
   * "824 670 ₽", so one page never mixes "18 556 ₽" with "18 373,24 ₽". The money rule of the UI:
   * aggregates in whole units, single amounts exact. Both show the currency by its sign (₽, ₸, €, $;
   * Intl's "narrowSymbol"), a code only when the currency has no sign.
   */
  moneyTotal: (value: number | string, currency: string) => string;
  /** "01.03.2026, 14:05" in the school's zone. */
  dateTime: (value: Date | string | null | undefined) => string;
  /** The same with seconds, for logs where order within a minute matters. */
  dateTimeSeconds: (value: Date | string | null | undefined) => string;
  /** "01.03.2026" in the school's zone. */
  date: (value: Date | string | null | undefined) => string;
  /**
   * A calendar day already reckoned in some zone ("2026-11-02": a cohort's week, a UTC quota day,
   * an import's range) written like every other date, "02.11.2026"; never shifted by a zone again.
   * Anything that is not such a day is shown as it came.
   */
  day: (value: string | null | undefined) => string;
};

const CALENDAR_DAY = /^\d{4}-\d{2}-\d{2}$/;

const EMPTY = "—";

function asDate(value: Date | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Whole units, or exactly two decimals ("1 990,50", never "1 990,5"). */
function fractionDigits(exact: boolean): Intl.NumberFormatOptions {
  return exact
    ? { minimumFractionDigits: 2, maximumFractionDigits: 2 }
    : { minimumFractionDigits: 0, maximumFractionDigits: 0 };
}

export function formatsFor(locale: Locale, timeZone = "Europe/Moscow"): Formats {
  const tag = languageTag(locale);
  const count = new Intl.NumberFormat(tag);
  const decimal = new Intl.NumberFormat(tag, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 });
  const plainExact = new Intl.NumberFormat(tag, fractionDigits(true));
  const plainWhole = new Intl.NumberFormat(tag, fractionDigits(false));
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "short", timeZone });
  const dateTimeSeconds = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeStyle: "medium", timeZone });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeZone });
  // A calendar day is the same day in any zone when read and written as UTC midnight.
  const calendarDay = new Intl.DateTimeFormat(tag, { dateStyle: "short", timeZone: "UTC" });
  const currencies = new Map<string, Intl.NumberFormat | null>();
  const currencyFormat = (currency: string, exact: boolean): Intl.NumberFormat | null => {
    const key = `${currency}:${exact}`;
    if (!currencies.has(key)) {
      try {
        const options = { style: "currency", currency, currencyDisplay: "narrowSymbol" } as const;
        currencies.set(key, new Intl.NumberFormat(tag, { ...options, ...fractionDigits(exact) }));
      } catch {
        // GetCourse may send a currency that is not an ISO code; it is shown as it came.
        currencies.set(key, null);
      }
    }
    return currencies.get(key) ?? null;
  };
  const moneyOf = (value: number | string, currency: string, total: boolean): string => {
    const amount = typeof value === "number" ? value : Number(value);
    if (!Number.isFinite(amount)) return `${value} ${currency}`;
    const exact = !total && !Number.isInteger(Math.round(amount * 100) / 100);
    const format = currencyFormat(currency, exact);
    if (format) return format.format(amount);
    return `${(exact ? plainExact : plainWhole).format(amount)} ${currency}`;
  };
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
    money: (value, currency) => moneyOf(value, currency, false),
    moneyTotal: (value, currency) => moneyOf(value, currency, true),
    dateTime: dated(dateTime),
    dateTimeSeconds: dated(dateTimeSeconds),
    date: dated(date),
    day: (value) => {
      if (!value) return EMPTY;
      if (!CALENDAR_DAY.test(value)) return value;
      const at = new Date(`${value}T00:00:00Z`);
      return Number.isNaN(at.getTime()) ? value : calendarDay.format(at);
    },
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
