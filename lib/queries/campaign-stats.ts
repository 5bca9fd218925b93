import { ensureAnalyticsFresh, resolvePeriod, SCHOOL_CURRENCY, type Period } from "@/lib/analytics";
import { addCurrency, type CurrencyTotals, moneyOf, splitRevenue } from "@/lib/analytics/money";
import { analyticsPool } from "@/lib/analytics/pool";
import { getEnv } from "@/lib/env";

/**
 * Clients, paid customers and revenue per campaign, read from the analytics rollup so the numbers
 * agree with /analytics by construction: a client counts in the period of their first message
 * (analytics_client_facts.day, the school's time zone); "paid" is the rollup's first_paid_at;
 * revenue is analytics_client_revenue, where each paid order counts once, for its one owner
 * (orders joined through links, refunds out, currencies kept apart).
 */
export type CampaignStats = {
  clients: number;
  paidCustomers: number;
  paidOrders: number;
  /** In the school's currency. */
  revenue: number;
  revenueByCurrency: Record<string, number>;
};

export type CampaignStatsReport = { period: Period; currency: string; byCampaign: Map<string, CampaignStats> };

const COUNTS_SQL = `
SELECT cc.campaign_id::text AS campaign_id, count(*)::int AS clients,
       count(*) FILTER (WHERE f.first_paid_at IS NOT NULL)::int AS paid
FROM campaign_clients cc
JOIN analytics_client_facts f ON f.project_id = cc.project_id AND f.client_id = cc.client_id
WHERE f.day BETWEEN $1::date AND $2::date
GROUP BY cc.campaign_id`;

const REVENUE_SQL = `
SELECT cc.campaign_id::text AS campaign_id, r.currency, sum(r.revenue)::text AS revenue, sum(r.paid_orders)::int AS paid_orders
FROM campaign_clients cc
JOIN analytics_client_facts f ON f.project_id = cc.project_id AND f.client_id = cc.client_id
JOIN analytics_client_revenue r ON r.project_id = cc.project_id AND r.client_id = cc.client_id
WHERE f.day BETWEEN $1::date AND $2::date
GROUP BY cc.campaign_id, r.currency`;

export const EMPTY_STATS: CampaignStats = {
  clients: 0,
  paidCustomers: 0,
  paidOrders: 0,
  revenue: 0,
  revenueByCurrency: {},
};

export async function getCampaignStats(query: { from?: string; to?: string } = {}): Promise<CampaignStatsReport> {
  const period = resolvePeriod(query, getEnv().TIME_ZONE);
  await ensureAnalyticsFresh();
  const pool = analyticsPool();
  const [counts, revenue] = await Promise.all([
    pool.query<{ campaign_id: string; clients: number; paid: number }>(COUNTS_SQL, [period.from, period.to]),
    pool.query<{ campaign_id: string; currency: string; revenue: string; paid_orders: number }>(REVENUE_SQL, [
      period.from,
      period.to,
    ]),
  ]);
  const money = new Map<string, CurrencyTotals>();
  for (const row of revenue.rows) {
    const totals = money.get(row.campaign_id) ?? new Map();
    addCurrency(totals, row.currency, moneyOf(row.revenue), row.paid_orders);
    money.set(row.campaign_id, totals);
  }
  const byCampaign = new Map<string, CampaignStats>();
  for (const row of counts.rows) {
    const totals = money.get(row.campaign_id);
    byCampaign.set(row.campaign_id, {
      clients: row.clients,
      paidCustomers: row.paid,
      paidOrders: totals?.get(SCHOOL_CURRENCY)?.paidOrders ?? 0,
      ...splitRevenue(totals),
    });
  }
  return { period, currency: SCHOOL_CURRENCY, byCampaign };
}
