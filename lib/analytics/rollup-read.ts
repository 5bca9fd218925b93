import { type GroupBy } from "./dimensions";
import { addCurrency, type CurrencyTotals, moneyOf } from "./money";
import type { Period } from "./period";
import { analyticsPool } from "./pool";
import { ensureAnalyticsFresh } from "./refresh";

/** One group's sums over a period, read from the daily rollups. */
export type RollupGroup = {
  key: string;
  clients: number;
  linked: number;
  ordered: number;
  paid: number;
  currencies: CurrencyTotals;
};

export type RollupRead = { total: RollupGroup; groups: RollupGroup[] };

const emptyGroup = (key: string): RollupGroup => ({
  key,
  clients: 0,
  linked: 0,
  ordered: 0,
  paid: 0,
  currencies: new Map(),
});

/**
 * The totals and the groups of one dimension over inclusive local dates. Both come from the same
 * rollup rows ('none' is the totals), so the groups always add up to the total.
 */
export async function readRollup(period: Period, groupBy: GroupBy): Promise<RollupRead> {
  await ensureAnalyticsFresh();
  const pool = analyticsPool();
  const values = [groupBy, period.from, period.to];
  const [counts, revenue] = await Promise.all([
    pool.query<{ dimension: string; key: string; clients: number; linked: number; ordered: number; paid: number }>(
      `SELECT dimension, key, sum(clients)::int AS clients, sum(linked)::int AS linked,
              sum(ordered)::int AS ordered, sum(paid)::int AS paid
       FROM analytics_funnel_daily
       WHERE dimension IN ('none', $1) AND day BETWEEN $2::date AND $3::date
       GROUP BY dimension, key`,
      values,
    ),
    pool.query<{ dimension: string; key: string; currency: string; revenue: string; paid_orders: number }>(
      `SELECT dimension, key, currency, sum(revenue)::text AS revenue, sum(paid_orders)::int AS paid_orders
       FROM analytics_revenue_daily
       WHERE dimension IN ('none', $1) AND day BETWEEN $2::date AND $3::date
       GROUP BY dimension, key, currency`,
      values,
    ),
  ]);

  const total = emptyGroup("");
  const groups = new Map<string, RollupGroup>();
  const target = (dimension: string, key: string): RollupGroup | null => {
    if (dimension === "none") return total;
    if (groupBy === "none") return null;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = emptyGroup(key)));
    return group;
  };
  for (const row of counts.rows) {
    const group = target(row.dimension, row.key);
    if (!group) continue;
    Object.assign(group, { clients: row.clients, linked: row.linked, ordered: row.ordered, paid: row.paid });
  }
  for (const row of revenue.rows) {
    const group = target(row.dimension, row.key);
    if (group) addCurrency(group.currencies, row.currency, moneyOf(row.revenue), row.paid_orders);
  }
  return { total, groups: [...groups.values()] };
}
