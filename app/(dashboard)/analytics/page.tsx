import { FilterSelect } from "@/components/data-table/filter-select";
import { listHref } from "@/components/data-table/url";
import { CohortsSection } from "@/components/analytics/cohorts-section";
import { formatsFor } from "@/components/analytics/format";
import { FunnelSection } from "@/components/analytics/funnel-section";
import { OrdersSection } from "@/components/analytics/orders-section";
import { PeriodPicker } from "@/components/analytics/period-picker";
import { RevenueSection } from "@/components/analytics/revenue-section";
import { TimeToPaymentSection } from "@/components/analytics/time-to-payment-section";
import { GROUP_BYS, getFunnel, getOrdersPage, getRevenueByGroup, getTimeToPayment, getWeeklyCohorts } from "@/lib/analytics";
import { todayIn } from "@/lib/analytics/period";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { deepLinks } from "@/lib/queries/deep-links";
import type { RawSearchParams } from "@/lib/schemas/list-query";
import { CHIP_FILTERS, GROUP_FILTER_PARAM, ordersExportHref, parseAnalyticsState } from "./url-state";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.analytics");

/** Cohort columns that fit a laptop screen; later payments are summed in "Later". */
const COHORT_WEEKS = 8;

const CHIP_LABELS = {
  bot: "analytics.groupBy.bot",
  messenger: "analytics.groupBy.messenger",
  startParam: "analytics.groupBy.start_param",
  utmSource: "analytics.groupBy.utm_source",
  status: "analytics.orders.column.status",
  currency: "analytics.revenue.otherCurrencies",
} as const;

// GET /analytics?from=&to=&groupBy=&q=&paid=&linked=&bot=&…&sort=&dir=&page=&pageSize= – the funnel, revenue, time to payment, cohorts and orders.
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser("analytics.read");
  const timeZone = getEnv().TIME_ZONE;
  const state = parseAnalyticsState(await searchParams, timeZone);
  const { groupBy, period, orders, current } = state;
  const [{ locale, t }, funnel, revenue, timeToPayment, cohorts, ordersPage] = await Promise.all([
    getTranslator(),
    getFunnel({ ...period, groupBy }),
    getRevenueByGroup({ ...period, groupBy }),
    getTimeToPayment(period),
    getWeeklyCohorts({ ...period, weeks: COHORT_WEEKS }),
    getOrdersPage({ ...orders, ...period }),
  ]);
  const formats = formatsFor(locale, timeZone);
  const links = deepLinks();
  const groupHref = (key: string | null) =>
    groupBy === "none" || key === null ? null : `${listHref("/analytics", current, { [GROUP_FILTER_PARAM[groupBy]]: key })}#orders`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("analytics.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("analytics.subtitle", { zone: timeZone })}</p>
      </div>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <PeriodPicker from={period.from} to={period.to} today={todayIn(timeZone)} current={current} t={t} />
        <FilterSelect
          param="groupBy"
          label={t("analytics.groupBy")}
          allLabel={t("analytics.groupBy.none")}
          options={GROUP_BYS.filter((g) => g !== "none").map((value) => ({ value, label: t(`analytics.groupBy.${value}`) }))}
        />
      </div>
      <FunnelSection report={funnel} t={t} locale={locale} formats={formats} groupHref={groupHref} />
      <RevenueSection report={revenue} t={t} locale={locale} formats={formats} groupHref={groupHref} />
      <TimeToPaymentSection report={timeToPayment} t={t} locale={locale} formats={formats} />
      <CohortsSection report={cohorts} t={t} formats={formats} />
      <div id="orders">
        <OrdersSection
          view={{
            page: ordersPage,
            sort: orders.sort,
            dir: orders.dir,
            chips: CHIP_FILTERS.flatMap((param) => {
              const value = orders[param];
              return value ? [{ param, label: t(CHIP_LABELS[param]), value }] : [];
            }),
            current,
            exportHref: ordersExportHref(state, locale),
          }}
          t={t}
          formats={formats}
          dateTime={(iso) => (iso ? formats.dateTime(iso) : null)}
          dealCard={links.gcDealCard}
          dialog={links.salebotDialog}
        />
      </div>
    </div>
  );
}
