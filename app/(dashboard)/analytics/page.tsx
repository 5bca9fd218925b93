import { FilterSelect } from "@/components/data-table/filter-select";
import { listHref } from "@/components/data-table/url";
import { CohortsSection } from "@/components/analytics/cohorts-section";
import { formatsFor } from "@/components/analytics/format";
import { FunnelSection } from "@/components/analytics/funnel-section";
import { OrdersSection } from "@/components/analytics/orders-section";
import { PeriodPicker } from "@/components/analytics/period-picker";
import { RevenueSection } from "@/components/analytics/revenue-section";
import { TimeToPaymentSection } from "@/components/analytics/time-to-payment-section";
import type { GroupNaming } from "@/components/analytics/compare";
import {
  comparedKeys,
  COMPARED_GROUPS,
  GROUP_BYS,
  getFunnel,
  getRevenueByGroup,
  getTimeToPayment,
  getWeeklyCohorts,
  groupLabels,
} from "@/lib/analytics";
import { todayIn } from "@/lib/analytics/period";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { deepLinks } from "@/lib/queries/deep-links";
import { isLinkSource } from "@/lib/queries/links";
import { getOrdersPage } from "@/lib/queries/orders";
import type { RawSearchParams } from "@/lib/schemas/list-query";
import { CHIP_FILTERS, GROUP_FILTER_PARAM, ordersExportHref, parseAnalyticsState } from "./url-state";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.analytics", "analytics.read");

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
  const [{ locale, t }, funnel, revenue, ordersPage] = await Promise.all([
    getTranslator(),
    getFunnel({ ...period, groupBy }),
    getRevenueByGroup({ ...period, groupBy }),
    getOrdersPage({ ...orders, ...period }),
  ]);
  // The funnel picks the groups every section compares, so they match in order and colour.
  const compared = groupBy === "none" ? [] : comparedKeys(funnel.rows);
  const withOther = funnel.rows.length > compared.length;
  const [timeToPayment, cohorts, labels] = await Promise.all([
    getTimeToPayment({ ...period, groupBy, groups: compared, withOther }),
    getWeeklyCohorts({ ...period, weeks: COHORT_WEEKS, groupBy, groups: compared, withOther }),
    groupLabels(
      groupBy,
      funnel.rows.map((row) => row.key),
      t,
    ),
  ]);
  const naming: GroupNaming = {
    labelOf: (key) => {
      // Grouped by how the link was made, a client without a value is one not linked yet.
      if (key === null) return t(groupBy === "link_source" ? "analytics.group.unlinked" : "analytics.group.none");
      if (groupBy === "link_source" && isLinkSource(key)) return t(`links.source.${key}`);
      return labels.get(key) ?? key;
    },
    other: t("analytics.group.other"),
  };
  const formats = formatsFor(locale, timeZone);
  const links = deepLinks();
  const filterParam = GROUP_FILTER_PARAM[groupBy];
  const groupHref = (key: string | null) =>
    !filterParam || key === null ? null : `${listHref("/analytics", current, { [filterParam]: key })}#orders`;

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
          options={GROUP_BYS.filter((g) => g !== "none").map((value) => ({
            value,
            label: t(`analytics.groupBy.${value}`),
          }))}
        />
      </div>
      {groupBy !== "none" && funnel.rows.length > COMPARED_GROUPS && (
        <p className="text-sm text-muted-foreground" data-testid="compare-hint">
          {t("analytics.compare.hint", { n: COMPARED_GROUPS })}
        </p>
      )}
      <FunnelSection
        report={funnel}
        compared={compared}
        naming={naming}
        t={t}
        locale={locale}
        formats={formats}
        groupHref={groupHref}
        timeZone={timeZone}
      />
      <RevenueSection
        report={revenue}
        naming={naming}
        t={t}
        locale={locale}
        formats={formats}
        groupHref={groupHref}
        timeZone={timeZone}
      />
      <TimeToPaymentSection report={timeToPayment} naming={naming} t={t} locale={locale} formats={formats} />
      <CohortsSection report={cohorts} naming={naming} t={t} formats={formats} timeZone={timeZone} />
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
