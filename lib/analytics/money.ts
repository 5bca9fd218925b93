import { DEFAULT_CURRENCY } from "@/lib/events/getcourse-values";

/** Revenue is reported in the school's currency; every other currency is kept apart, never converted. */
export const SCHOOL_CURRENCY = DEFAULT_CURRENCY;

/** A numeric sum from Postgres ("1234.50") as a number of major units, rounded to kopecks. */
export function moneyOf(text: string | null | undefined): number {
  if (text === null || text === undefined) return 0;
  return Math.round(Number(text) * 100) / 100;
}

export type CurrencyTotals = Map<string, { revenue: number; paidOrders: number }>;

/** Adds one currency's amount to a running map. */
export function addCurrency(totals: CurrencyTotals, currency: string, revenue: number, paidOrders: number): void {
  const held = totals.get(currency) ?? { revenue: 0, paidOrders: 0 };
  totals.set(currency, {
    revenue: Math.round((held.revenue + revenue) * 100) / 100,
    paidOrders: held.paidOrders + paidOrders,
  });
}

/** The school's currency as `revenue`, the others under `revenueByCurrency` (sorted by code). */
export function splitRevenue(totals: CurrencyTotals | undefined): {
  revenue: number;
  revenueByCurrency: Record<string, number>;
} {
  const revenueByCurrency: Record<string, number> = {};
  for (const [currency, value] of [...(totals ?? new Map()).entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (currency !== SCHOOL_CURRENCY && value.revenue !== 0) revenueByCurrency[currency] = value.revenue;
  }
  return { revenue: totals?.get(SCHOOL_CURRENCY)?.revenue ?? 0, revenueByCurrency };
}
