import { z } from "zod";

/**
 * Report periods: inclusive `from`/`to` calendar dates in the school's time zone. Pure, so the
 * calendar rules have unit tests; the SQL compares them with each row's local date.
 */

export type Period = { from: string; to: string };

/** The longest period a report accepts: enough for any real question, small enough to stay cheap. */
export const MAX_PERIOD_DAYS = 3660;
const DEFAULT_PERIOD_DAYS = 30;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2025-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

export function addDays(date: string, days: number): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  parsed.setUTCDate(parsed.getUTCDate() + days);
  return parsed.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (0 when equal). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Today's date in a time zone, e.g. "2026-11-24" in Europe/Moscow. */
export function todayIn(timeZone: string, now = new Date()): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The period asked for, with the last 30 days up to today as the default for missing ends. */
export function resolvePeriod(input: { from?: string; to?: string }, timeZone: string, now = new Date()): Period {
  const to = input.to ?? (input.from ? addDays(input.from, DEFAULT_PERIOD_DAYS - 1) : todayIn(timeZone, now));
  const from = input.from ?? addDays(to, -(DEFAULT_PERIOD_DAYS - 1));
  return { from, to };
}

/**
 * The dates a report may name. Year 0000 is a valid ISO string but not a Postgres date, and a
 * period's default end (from + 29 days) past 9999 is not a date at all: both used to reach SQL and
 * answer 500. Nothing the hub stores is outside these bounds.
 */
export const EARLIEST_REPORT_DATE = "1900-01-01";
export const LATEST_REPORT_DATE = "2999-12-31";

const calendarDate = z
  .string()
  .trim()
  // One message per bad date: a malformed one stops here, before the range check.
  .refine(isCalendarDate, { error: "must be a date written YYYY-MM-DD", abort: true })
  .refine((value) => value >= EARLIEST_REPORT_DATE && value <= LATEST_REPORT_DATE, {
    error: `must be between ${EARLIEST_REPORT_DATE} and ${LATEST_REPORT_DATE}`,
  });

/** The `from`/`to` fields of a report's query parameters; combine with `checkPeriod`. */
export const periodFields = { from: calendarDate.optional(), to: calendarDate.optional() };

/** from ≤ to, at most MAX_PERIOD_DAYS apart; reported on the field to fix. */
export function checkPeriod(value: { from?: string; to?: string }, context: z.RefinementCtx): void {
  // zod runs this even when a date itself failed; that failure is the one to report.
  if (!value.from || !value.to || !isCalendarDate(value.from) || !isCalendarDate(value.to)) return;
  const span = daysBetween(value.from, value.to);
  if (span < 0) context.addIssue({ code: "custom", path: ["from"], message: "must not be after `to`" });
  else if (span >= MAX_PERIOD_DAYS)
    context.addIssue({ code: "custom", path: ["to"], message: `must be within ${MAX_PERIOD_DAYS} days of \`from\`` });
}

/** `from`/`to` as query parameters: optional dates, from ≤ to, at most MAX_PERIOD_DAYS apart. */
export const periodQuerySchema = z.object(periodFields).superRefine(checkPeriod);
