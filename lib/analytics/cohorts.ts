import { getEnv } from "@/lib/env";
import { resolvePeriod } from "./period";
import { analyticsPool } from "./pool";
import { ensureAnalyticsFresh } from "./refresh";

/**
 * Weekly cohorts: clients grouped by the week (Monday, school's time zone) of their first message,
 * and how many made their first payment 0, 1, 2, … whole weeks after that message. Payments made
 * before the first message are counted under `paidBefore`, later than the last column under
 * `paidLater`.
 */
export type Cohort = { week: string; clients: number; paid: number; paidByWeek: number[]; paidBefore: number; paidLater: number };
export type CohortReport = { from: string; to: string; weeks: number; cohorts: Cohort[] };

const DEFAULT_WEEKS = 12;
const MAX_WEEKS = 52;

export async function getWeeklyCohorts(query: { from?: string; to?: string; weeks?: number } = {}): Promise<CohortReport> {
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  const weeks = Math.min(MAX_WEEKS, Math.max(1, Math.trunc(query.weeks ?? DEFAULT_WEEKS)));
  await ensureAnalyticsFresh();
  const pool = analyticsPool();
  const [sizes, payments] = await Promise.all([
    pool.query<{ week: string; clients: number }>(
      `SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, sum(clients)::int AS clients
       FROM analytics_funnel_daily
       WHERE dimension = 'none' AND day BETWEEN $1::date AND $2::date
       GROUP BY 1 ORDER BY 1`,
      [period.from, period.to],
    ),
    // The payment histogram keeps minutes floored to whole minutes or hours, both of which
    // divide a week, so the week offset is the same as from each client's exact times.
    pool.query<{ week: string; week_offset: number; clients: number }>(
      `SELECT to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week,
              floor(minutes / 10080.0)::int AS week_offset,
              sum(clients)::int AS clients
       FROM analytics_payment_daily
       WHERE day BETWEEN $1::date AND $2::date
       GROUP BY 1, 2`,
      [period.from, period.to],
    ),
  ]);
  const cohorts = new Map<string, Cohort>();
  for (const row of sizes.rows) {
    cohorts.set(row.week, { week: row.week, clients: row.clients, paid: 0, paidByWeek: Array<number>(weeks).fill(0), paidBefore: 0, paidLater: 0 });
  }
  for (const row of payments.rows) {
    const cohort = cohorts.get(row.week);
    if (!cohort) continue;
    cohort.paid += row.clients;
    if (row.week_offset < 0) cohort.paidBefore += row.clients;
    else if (row.week_offset >= weeks) cohort.paidLater += row.clients;
    else cohort.paidByWeek[row.week_offset] = (cohort.paidByWeek[row.week_offset] ?? 0) + row.clients;
  }
  return { from: period.from, to: period.to, weeks, cohorts: [...cohorts.values()] };
}
