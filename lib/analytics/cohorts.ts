import { getEnv } from "@/lib/env";
import { type GroupBy, reportedKey } from "./dimensions";
import { type Compared, foldGroups, type GroupKey } from "./groups";
import { resolvePeriod } from "./period";
import { analyticsPool } from "./pool";
import { ensureAnalyticsFresh } from "./refresh";

/**
 * Weekly cohorts: clients grouped by the week (Monday, school's time zone) of their first message,
 * and how many made their first payment 0, 1, 2, … whole weeks after that message. Payments made
 * before the first message are counted under `paidBefore`, later than the last column under
 * `paidLater`.
 */
export type Cohort = {
  week: string;
  clients: number;
  paid: number;
  paidByWeek: number[];
  paidBefore: number;
  paidLater: number;
};
/** The totals' cohorts at the top level (as before grouping existed), each compared group's beside them. */
export type CohortReport = {
  from: string;
  to: string;
  weeks: number;
  groupBy: GroupBy;
  cohorts: Cohort[];
  groups: Compared<{ cohorts: Cohort[] }>[];
};

export type CohortQuery = {
  from?: string;
  to?: string;
  weeks?: number;
  groupBy?: GroupBy;
  groups?: readonly GroupKey[];
  /** The funnel folded groups past `groups` into "other": show it here too, even when empty. */
  withOther?: boolean;
};

const DEFAULT_WEEKS = 12;
const MAX_WEEKS = 52;

type GroupCohorts = { key: GroupKey; cohorts: Map<string, Cohort> };

const emptyCohort = (week: string, weeks: number): Cohort => ({
  week,
  clients: 0,
  paid: 0,
  paidByWeek: Array<number>(weeks).fill(0),
  paidBefore: 0,
  paidLater: 0,
});

/** Several groups' cohorts added up week by week, for the "other" group. */
function mergeCohorts(groups: readonly GroupCohorts[], weeks: number): GroupCohorts {
  const merged = new Map<string, Cohort>();
  for (const group of groups) {
    for (const cohort of group.cohorts.values()) {
      const held = merged.get(cohort.week) ?? emptyCohort(cohort.week, weeks);
      held.clients += cohort.clients;
      held.paid += cohort.paid;
      held.paidBefore += cohort.paidBefore;
      held.paidLater += cohort.paidLater;
      cohort.paidByWeek.forEach((paid, n) => (held.paidByWeek[n] = (held.paidByWeek[n] ?? 0) + paid));
      merged.set(cohort.week, held);
    }
  }
  return { key: null, cohorts: merged };
}

const byWeek = (cohorts: Map<string, Cohort>): Cohort[] =>
  [...cohorts.values()].sort((a, b) => a.week.localeCompare(b.week));

/**
 * Grouped, the groups named in `groups` come apart (every group when it is left out) and the rest
 * as "other"; the totals are the 'none' rows of the same rollups, so the groups add up to them.
 */
export async function getWeeklyCohorts(query: CohortQuery = {}): Promise<CohortReport> {
  const groupBy = query.groupBy ?? "none";
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  const weeks = Math.min(MAX_WEEKS, Math.max(1, Math.trunc(query.weeks ?? DEFAULT_WEEKS)));
  await ensureAnalyticsFresh();
  const pool = analyticsPool();
  const values = [groupBy, period.from, period.to];
  const [sizes, payments] = await Promise.all([
    pool.query<{ dimension: string; key: string; week: string; clients: number }>(
      `SELECT dimension, key, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, sum(clients)::int AS clients
       FROM analytics_funnel_daily
       WHERE dimension IN ('none', $1) AND day BETWEEN $2::date AND $3::date
       GROUP BY 1, 2, 3 ORDER BY 3`,
      values,
    ),
    // The payment histogram keeps minutes floored to whole minutes or hours, both of which
    // divide a week, so the week offset is the same as from each client's exact times.
    pool.query<{ dimension: string; key: string; week: string; week_offset: number; clients: number }>(
      `SELECT dimension, key, to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week,
              floor(minutes / 10080.0)::int AS week_offset,
              sum(clients)::int AS clients
       FROM analytics_payment_daily
       WHERE dimension IN ('none', $1) AND day BETWEEN $2::date AND $3::date
       GROUP BY 1, 2, 3, 4`,
      values,
    ),
  ]);
  const total: GroupCohorts = { key: null, cohorts: new Map() };
  const byGroup = new Map<string, GroupCohorts>();
  const target = (dimension: string, key: string): GroupCohorts => {
    if (dimension === "none") return total;
    let group = byGroup.get(key);
    if (!group) byGroup.set(key, (group = { key: reportedKey(groupBy, key), cohorts: new Map() }));
    return group;
  };
  for (const row of sizes.rows)
    target(row.dimension, row.key).cohorts.set(row.week, { ...emptyCohort(row.week, weeks), clients: row.clients });
  for (const row of payments.rows) {
    const cohort = target(row.dimension, row.key).cohorts.get(row.week);
    if (!cohort) continue;
    cohort.paid += row.clients;
    if (row.week_offset < 0) cohort.paidBefore += row.clients;
    else if (row.week_offset >= weeks) cohort.paidLater += row.clients;
    else cohort.paidByWeek[row.week_offset] = (cohort.paidByWeek[row.week_offset] ?? 0) + row.clients;
  }
  const all = [...byGroup.values()];
  const keys = query.groups ?? all.map((g) => g.key).sort((a, b) => (a ?? "").localeCompare(b ?? ""));
  const groups =
    groupBy === "none"
      ? []
      : foldGroups(
          all,
          keys,
          (key) => ({ key, cohorts: new Map() }),
          (rest) => mergeCohorts(rest, weeks),
          query.withOther,
        ).map((g) => ({
          key: g.key,
          other: g.other,
          cohorts: byWeek(g.cohorts),
        }));
  return { from: period.from, to: period.to, weeks, groupBy, cohorts: byWeek(total.cohorts), groups };
}
