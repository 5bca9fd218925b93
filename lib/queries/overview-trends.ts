import { SCHOOL_CURRENCY, moneyOf } from "@/lib/analytics/money";
import { addDays, todayIn } from "@/lib/analytics/period";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { dayStart } from "./day-range";
import { LINKED_PAID_ORDER, REVENUE_DAYS } from "./overview";

/**
 * The overview's trends: links made, failed link attempts (outcome other than success, as on the
 * Failures page) and revenue per school day (TIME_ZONE) over the same 30 days as its revenue
 * figure, with the same definition of revenue (paid orders of linked customers, school currency),
 * so the days add up to that figure. Each series is one range scan on its time index.
 */

export type TrendDay = { day: string; links: number; failures: number; revenue: number };
export type OverviewTrends = { from: string; to: string; currency: string; days: TrendDay[] };

type CountRow = { day: string; n: number };
type SumRow = { day: string; amount: string | null };

export async function getOverviewTrends(now = new Date(), days = REVENUE_DAYS): Promise<OverviewTrends> {
  const timeZone = getEnv().TIME_ZONE;
  const to = todayIn(timeZone, now);
  const from = addDays(to, -(days - 1));
  const start = dayStart(from, timeZone);
  const end = dayStart(to, timeZone, 1);
  // Columns are UTC timestamps without a zone: read as UTC first, then as the school's wall clock.
  const schoolDay = (column: string) =>
    Prisma.sql`to_char((${Prisma.raw(column)} AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone}::text, 'YYYY-MM-DD')`;

  const [links, failures, revenue] = await Promise.all([
    db.$queryRaw<CountRow[]>`
      SELECT ${schoolDay("l.linked_at")} AS day, count(*)::int AS n FROM links l
      WHERE l.linked_at >= ${start} AND l.linked_at < ${end} GROUP BY 1`,
    db.$queryRaw<CountRow[]>`
      SELECT ${schoolDay("a.created_at")} AS day, count(*)::int AS n FROM link_attempts a
      WHERE a.created_at >= ${start} AND a.created_at < ${end} AND a.outcome <> 'success' GROUP BY 1`,
    db.$queryRaw<SumRow[]>`
      SELECT ${schoolDay("o.paid_at")} AS day, sum(coalesce(o.paid_amount, 0))::text AS amount FROM gc_orders o
      WHERE o.paid_at >= ${start} AND o.paid_at < ${end} AND o.currency = ${SCHOOL_CURRENCY} AND ${LINKED_PAID_ORDER} GROUP BY 1`,
  ]);

  const countsByDay = (rows: CountRow[]) => new Map(rows.map((row) => [row.day, row.n]));
  const linksByDay = countsByDay(links);
  const failuresByDay = countsByDay(failures);
  const revenueByDay = new Map(revenue.map((row) => [row.day, moneyOf(row.amount)]));
  const series = Array.from({ length: days }, (_, i) => {
    const day = addDays(from, i);
    return {
      day,
      links: linksByDay.get(day) ?? 0,
      failures: failuresByDay.get(day) ?? 0,
      revenue: revenueByDay.get(day) ?? 0,
    };
  });
  return { from, to, currency: SCHOOL_CURRENCY, days: series };
}
