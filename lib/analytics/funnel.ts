import { getEnv } from "@/lib/env";
import { byClientsThenKey, type GroupBy, reportedKey } from "./dimensions";
import { SCHOOL_CURRENCY, splitRevenue } from "./money";
import { type Period, resolvePeriod } from "./period";
import { readRollup, type RollupGroup } from "./rollup-read";

/**
 * The funnel (DESIGN.md): `clients` first wrote to a bot within the period (dates in the school's
 * time zone); `linked`, `ordered`, `paid` are those of them linked to a GC user, with an order,
 * with a paid order; `revenue` is what was paid on their orders, each order once, in the school's
 * currency, with other currencies under `revenueByCurrency`.
 */
export type FunnelCounts = {
  clients: number;
  linked: number;
  ordered: number;
  paid: number;
  revenue: number;
  revenueByCurrency: Record<string, number>;
};

/** `key` is the group's value; null for clients without one (no bot name, no UTM, …). */
export type FunnelRow = { key: string | null } & FunnelCounts;

export type FunnelReport = {
  from: string;
  to: string;
  groupBy: GroupBy;
  currency: string;
  total: FunnelCounts;
  rows: FunnelRow[];
};

export type FunnelQuery = { from?: string; to?: string; groupBy?: GroupBy };

function countsOf(group: RollupGroup): FunnelCounts {
  return {
    clients: group.clients,
    linked: group.linked,
    ordered: group.ordered,
    paid: group.paid,
    ...splitRevenue(group.currencies),
  };
}

/**
 * The funnel over inclusive dates `from`..`to` (default: the last 30 days), grouped or not.
 * Without a group the rows hold one row, key "all", equal to the total.
 */
export async function getFunnel(query: FunnelQuery = {}): Promise<FunnelReport> {
  const groupBy = query.groupBy ?? "none";
  const period: Period = resolvePeriod(query, getEnv().TIME_ZONE);
  const { total, groups } = await readRollup(period, groupBy);
  const totals = countsOf(total);
  const rows: FunnelRow[] =
    groupBy === "none"
      ? [{ key: reportedKey("none", ""), ...totals }]
      : groups
          .filter((group) => group.clients > 0)
          .map((group) => ({ key: reportedKey(groupBy, group.key), ...countsOf(group) }))
          .sort(byClientsThenKey);
  return { from: period.from, to: period.to, groupBy, currency: SCHOOL_CURRENCY, total: totals, rows };
}
