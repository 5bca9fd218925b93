import { getEnv } from "@/lib/env";
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

export type TimeToPaymentBucket = { key: (typeof PAYMENT_BUCKETS)[number]["key"]; fromHours: number; toHours: number | null; clients: number };

export type TimeToPaymentReport = {
  from: string;
  to: string;
  paidClients: number;
  paidBeforeFirstMessage: number;
  medianHours: number | null;
  buckets: TimeToPaymentBucket[];
};

// Bucket bounds are constants from this file, not input.
const BUCKET_COLUMNS = PAYMENT_BUCKETS.map(
  (b, i) => `count(*) FILTER (WHERE hours >= ${b.fromHours}${b.toHours === null ? "" : ` AND hours < ${b.toHours}`})::int AS b${i}`,
).join(",\n       ");

export async function getTimeToPayment(query: { from?: string; to?: string } = {}): Promise<TimeToPaymentReport> {
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  await ensureAnalyticsFresh();
  const { rows } = await analyticsPool().query<Record<string, number | null>>(
    `WITH t AS (
       SELECT extract(epoch FROM f.first_paid_at - f.first_message_at) / 3600.0 AS hours
       FROM analytics_client_facts f
       WHERE f.first_paid_at IS NOT NULL AND f.day BETWEEN $1::date AND $2::date
     )
     SELECT count(*)::int AS paid,
       count(*) FILTER (WHERE hours < 0)::int AS before,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE hours >= 0))::float8 AS median,
       ${BUCKET_COLUMNS}
     FROM t`,
    [period.from, period.to],
  );
  const row = rows[0] ?? {};
  const paid = row.paid ?? 0;
  const before = row.before ?? 0;
  const median = row.median ?? null;
  return {
    from: period.from,
    to: period.to,
    paidClients: paid - before,
    paidBeforeFirstMessage: before,
    medianHours: median === null ? null : Math.round(median * 100) / 100,
    buckets: PAYMENT_BUCKETS.map((b, i) => ({ key: b.key, fromHours: b.fromHours, toHours: b.toHours, clients: row[`b${i}`] ?? 0 })),
  };
}
