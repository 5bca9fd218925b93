import { getEnv } from "@/lib/env";
import { type GroupBy, reportedKey } from "./dimensions";
import { type Compared, foldGroups, type GroupKey } from "./groups";
import { resolvePeriod } from "./period";
import { analyticsPool } from "./pool";
import { ensureAnalyticsFresh } from "./refresh";

/**
 * How long clients who first wrote within the period took from that first message to their first
 * payment. Clients who had paid before they ever wrote (existing customers) are counted apart and
 * left out of the median and the buckets, which would otherwise start below zero.
 */
export const PAYMENT_BUCKETS = [
  { key: "under_1h", fromHours: 0, toHours: 1 },
  { key: "1h_1d", fromHours: 1, toHours: 24 },
  { key: "1d_3d", fromHours: 24, toHours: 72 },
  { key: "3d_7d", fromHours: 72, toHours: 168 },
  { key: "7d_30d", fromHours: 168, toHours: 720 },
  { key: "30d_90d", fromHours: 720, toHours: 2160 },
  { key: "over_90d", fromHours: 2160, toHours: null },
] as const;

export type TimeToPaymentBucket = {
  key: (typeof PAYMENT_BUCKETS)[number]["key"];
  fromHours: number;
  toHours: number | null;
  clients: number;
};

export type TimeToPaymentFigures = {
  paidClients: number;
  paidBeforeFirstMessage: number;
  medianHours: number | null;
  buckets: TimeToPaymentBucket[];
};

/** The totals at the top level (as before grouping existed), and the compared groups beside them. */
export type TimeToPaymentReport = {
  from: string;
  to: string;
  groupBy: GroupBy;
  groups: Compared<TimeToPaymentFigures>[];
} & TimeToPaymentFigures;

export type TimeToPaymentQuery = {
  from?: string;
  to?: string;
  groupBy?: GroupBy;
  groups?: readonly GroupKey[];
  /** The funnel folded groups past `groups` into "other": show it here too, even when empty. */
  withOther?: boolean;
};

/** One histogram bar: `clients` took `minutes` (floored) from first message to first payment. */
export type PaymentHistogramRow = { minutes: number; clients: number };

/**
 * The median of the non-negative values, interpolated as percentile_cont(0.5) does, from rows
 * sorted by minutes; null when there are none.
 */
export function medianMinutes(rows: readonly PaymentHistogramRow[]): number | null {
  const kept = rows.filter((r) => r.minutes >= 0 && r.clients > 0);
  const count = kept.reduce((sum, r) => sum + r.clients, 0);
  if (count === 0) return null;
  const position = (count - 1) / 2;
  const valueAt = (index: number): number => {
    let seen = 0;
    for (const row of kept) {
      seen += row.clients;
      if (index < seen) return row.minutes;
    }
    return kept[kept.length - 1]?.minutes ?? 0;
  };
  const lower = valueAt(Math.floor(position));
  const upper = valueAt(Math.ceil(position));
  return lower + (upper - lower) * (position - Math.floor(position));
}

function figuresOf(rows: readonly PaymentHistogramRow[]): TimeToPaymentFigures {
  const before = rows.filter((r) => r.minutes < 0).reduce((sum, r) => sum + r.clients, 0);
  const paid = rows.reduce((sum, r) => sum + r.clients, 0);
  const median = medianMinutes(rows);
  const inBucket = (b: (typeof PAYMENT_BUCKETS)[number]) =>
    rows
      .filter((r) => r.minutes >= b.fromHours * 60 && (b.toHours === null || r.minutes < b.toHours * 60))
      .reduce((sum, r) => sum + r.clients, 0);
  return {
    paidClients: paid - before,
    paidBeforeFirstMessage: before,
    medianHours: median === null ? null : Math.round((median / 60) * 100) / 100,
    buckets: PAYMENT_BUCKETS.map((b) => ({
      key: b.key,
      fromHours: b.fromHours,
      toHours: b.toHours,
      clients: inBucket(b),
    })),
  };
}

type GroupHistogram = { key: GroupKey; rows: PaymentHistogramRow[] };

/** Several groups' histograms as one, still sorted by minutes (the median walks them in order). */
function mergeHistograms(groups: readonly GroupHistogram[]): GroupHistogram {
  return { key: null, rows: groups.flatMap((g) => g.rows).sort((a, b) => a.minutes - b.minutes) };
}

/**
 * Reads the per-day histogram the refresh keeps (analytics_payment_daily), summed over the
 * period: at most a few thousand rows per group, however many clients paid. Minutes are exact
 * under a day and whole hours above, so the median is within a minute (or an hour, past a day) of
 * the per-client figure; the buckets and the count paid before writing are exact. Grouped, the
 * groups named in `groups` come apart (every group when it is left out) and the rest as "other".
 */
export async function getTimeToPayment(query: TimeToPaymentQuery = {}): Promise<TimeToPaymentReport> {
  const groupBy = query.groupBy ?? "none";
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  await ensureAnalyticsFresh();
  const { rows } = await analyticsPool().query<PaymentHistogramRow & { dimension: string; key: string }>(
    `SELECT dimension, key, minutes, sum(clients)::int AS clients
     FROM analytics_payment_daily
     WHERE dimension IN ('none', $1) AND day BETWEEN $2::date AND $3::date
     GROUP BY dimension, key, minutes ORDER BY minutes`,
    [groupBy, period.from, period.to],
  );
  const total = rows.filter((r) => r.dimension === "none");
  const histograms = new Map<string, GroupHistogram>();
  for (const row of rows) {
    if (row.dimension === "none") continue;
    const held = histograms.get(row.key) ?? { key: reportedKey(groupBy, row.key), rows: [] };
    held.rows.push({ minutes: row.minutes, clients: row.clients });
    histograms.set(row.key, held);
  }
  const all = [...histograms.values()];
  const keys = query.groups ?? all.map((g) => g.key).sort((a, b) => (a ?? "").localeCompare(b ?? ""));
  const groups =
    groupBy === "none"
      ? []
      : foldGroups(all, keys, (key) => ({ key, rows: [] }), mergeHistograms, query.withOther).map((g) => ({
          key: g.key,
          other: g.other,
          ...figuresOf(g.rows),
        }));
  return { from: period.from, to: period.to, groupBy, ...figuresOf(total), groups };
}
