import { z } from "zod";
import { GROUP_BYS, type GroupBy, type Period, resolvePeriod } from "@/lib/analytics";
import { ordersQuerySchema } from "@/lib/queries/orders-query";
import { firstValues, parseSearchParams, type RawSearchParams } from "@/lib/schemas/list-query";
import { csvExportHref } from "@/lib/csv/href";

/**
 * The analytics page's state lives in the URL: the period and group-by for every report, and the
 * orders table's filters, sort and page. Bad values fall back to defaults instead of an error page.
 */
const groupBySchema = z.object({ groupBy: z.enum(GROUP_BYS).default("none") });

export type OrdersFilter = z.output<typeof ordersQuerySchema>;

/** The orders filters a group row links to, by the group-by it belongs to (the orders table has no campaign filter). */
export const GROUP_FILTER_PARAM: Partial<Record<GroupBy, "bot" | "messenger" | "startParam" | "utmSource">> = {
  bot: "bot",
  messenger: "messenger",
  start_param: "startParam",
  utm_source: "utmSource",
};

/** Filters shown as removable chips: the ones without a control of their own on the page. */
export const CHIP_FILTERS = ["bot", "messenger", "startParam", "utmSource", "status", "currency"] as const;

export type AnalyticsState = { groupBy: GroupBy; orders: OrdersFilter; period: Period; current: URLSearchParams };

export function parseAnalyticsState(raw: RawSearchParams, timeZone: string): AnalyticsState {
  const orders = parseSearchParams(ordersQuerySchema, raw);
  const { groupBy } = parseSearchParams(groupBySchema, raw);
  const period = resolvePeriod(orders, timeZone);
  return { groupBy, orders, period, current: new URLSearchParams(firstValues(raw)) };
}

/** The CSV export of exactly what the orders table shows (all pages), with the period spelled out. */
export function ordersExportHref(state: AnalyticsState, locale: string): string {
  const params = new URLSearchParams({ from: state.period.from, to: state.period.to });
  const { orders } = state;
  if (orders.paid !== "all") params.set("paid", orders.paid);
  if (orders.linked !== "all") params.set("linked", orders.linked);
  for (const key of [...CHIP_FILTERS, "q"] as const) {
    const value = orders[key];
    if (value) params.set(key, value);
  }
  params.set("sort", orders.sort);
  params.set("dir", orders.dir);
  return csvExportHref("/api/export/orders.csv", params, locale);
}
