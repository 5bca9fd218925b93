import type { RevenueReport, RevenueRow } from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { BarChart } from "./bar-chart";
import type { GroupNaming } from "./compare";
import { Definitions } from "./definitions";
import { fill, type Formats } from "./format";
import { OtherCurrencies } from "./group-label";
import { GroupedTable } from "./grouped-table";
import { numClass, Section, tdClass } from "./section";

/** Enough bars to read; the table below lists every group. */
const CHART_GROUPS = 12;

function Cells({ row, currency, formats }: { row: RevenueRow; currency: string; formats: Formats }) {
  return (
    <>
      <td className={numClass} data-metric="clients" data-value={row.clients}>
        {formats.count(row.clients)}
      </td>
      <td className={numClass} data-metric="payingCustomers" data-value={row.payingCustomers}>
        {formats.count(row.payingCustomers)}
      </td>
      <td className={numClass} data-metric="paidOrders" data-value={row.paidOrders}>
        {formats.count(row.paidOrders)}
      </td>
      <td className={numClass} data-metric="revenue" data-value={row.revenue}>
        {formats.moneyTotal(row.revenue, currency)}
      </td>
      <td className={numClass} data-metric="averageOrderValue" data-value={row.averageOrderValue ?? ""}>
        {row.averageOrderValue === null ? "—" : formats.moneyTotal(row.averageOrderValue, currency)}
      </td>
      <td className={tdClass}>
        <OtherCurrencies amounts={row.revenueByCurrency} money={formats.moneyTotal} />
      </td>
    </>
  );
}

export function RevenueSection({
  report,
  naming,
  t,
  locale,
  formats,
  groupHref,
  timeZone,
}: {
  report: RevenueReport;
  naming: GroupNaming;
  t: Translate;
  locale: Locale;
  formats: Formats;
  groupHref: (key: string | null) => string | null;
  timeZone: string;
}) {
  const grouped = report.groupBy !== "none";
  const currency = report.currency;
  const values = { zone: timeZone, currency };
  const chart = report.rows
    .slice(0, CHART_GROUPS)
    .map((row) => ({ label: naming.labelOf(row.key), value: row.revenue }));
  return (
    <Section title={t("analytics.revenue.title")} hint={t("analytics.revenue.hint")} testId="revenue-section">
      {grouped && chart.length > 0 && (
        <BarChart
          data={chart}
          valueName={fill(t("analytics.revenue.revenue"), { currency })}
          layout="horizontal-bars"
          height={Math.max(160, chart.length * 32 + 40)}
          testId="revenue-chart"
          locale={locale}
        />
      )}
      <GroupedTable
        t={t}
        groupBy={report.groupBy}
        columns={[
          { label: t("analytics.funnel.clients"), numeric: true },
          { label: t("analytics.revenue.payingCustomers"), numeric: true },
          { label: fill(t("analytics.revenue.paidOrders"), { currency }), numeric: true },
          { label: fill(t("analytics.revenue.revenue"), { currency }), numeric: true },
          { label: fill(t("analytics.revenue.aov"), { currency }), numeric: true },
          { label: t("analytics.revenue.otherCurrencies") },
        ]}
        rows={report.rows}
        labelOf={naming.labelOf}
        total={report.total}
        cells={(row) => <Cells row={row} currency={currency} formats={formats} />}
        groupHref={groupHref}
        testId="revenue-table"
      />
      <Definitions
        items={[
          {
            id: "payingCustomers",
            term: t("analytics.revenue.payingCustomers"),
            text: fill(t("analytics.define.payingCustomers"), values),
          },
          {
            id: "paidOrders",
            term: fill(t("analytics.revenue.paidOrders"), values),
            text: fill(t("analytics.define.paidOrders"), values),
          },
          {
            id: "revenue",
            term: fill(t("analytics.revenue.revenue"), values),
            text: fill(t("analytics.define.revenue"), values),
          },
          {
            id: "averageOrderValue",
            term: fill(t("analytics.revenue.aov"), values),
            text: fill(t("analytics.define.aov"), values),
          },
        ]}
      />
    </Section>
  );
}
