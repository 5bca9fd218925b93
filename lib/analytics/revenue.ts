import { getEnv } from "@/lib/env";
import { byClientsThenKey, type GroupBy, reportedKey } from "./dimensions";
import { SCHOOL_CURRENCY, splitRevenue } from "./money";
import { resolvePeriod } from "./period";
import { readRollup, type RollupGroup } from "./rollup-read";

/**
 * Revenue, paying customers and the average order value per group, for clients who first wrote
 * within the period. The average is over paid orders in the school's currency (amounts in other
 * currencies are never mixed in), null when there are none.
 */
export type RevenueRow = {
  key: string | null;
  clients: number;
  payingCustomers: number;
  paidOrders: number;
  revenue: number;
  averageOrderValue: number | null;
  revenueByCurrency: Record<string, number>;
};

export type RevenueReport = {
  from: string;
  to: string;
  groupBy: GroupBy;
  currency: string;
  total: RevenueRow;
  rows: RevenueRow[];
};

function rowOf(key: string | null, group: RollupGroup): RevenueRow {
  const { revenue, revenueByCurrency } = splitRevenue(group.currencies);
  const paidOrders = group.currencies.get(SCHOOL_CURRENCY)?.paidOrders ?? 0;
  return {
    key,
    clients: group.clients,
    payingCustomers: group.paid,
    paidOrders,
    revenue,
    averageOrderValue: paidOrders > 0 ? Math.round((revenue / paidOrders) * 100) / 100 : null,
    revenueByCurrency,
  };
}

export async function getRevenueByGroup(
  query: { from?: string; to?: string; groupBy?: GroupBy } = {},
): Promise<RevenueReport> {
  const groupBy = query.groupBy ?? "none";
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  const { total, groups } = await readRollup(period, groupBy);
  const rows =
    groupBy === "none"
      ? [rowOf(reportedKey("none", ""), total)]
      : groups.filter((g) => g.clients > 0).map((g) => rowOf(reportedKey(groupBy, g.key), g));
  // Revenue first: this report answers "where does the money come from".
  rows.sort((a, b) => b.revenue - a.revenue || byClientsThenKey(a, b));
  return { from: period.from, to: period.to, groupBy, currency: SCHOOL_CURRENCY, total: rowOf(null, total), rows };
}
