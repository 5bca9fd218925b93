import {
  foldGroups,
  type FunnelCounts,
  type FunnelReport,
  type FunnelRow,
  type GroupKey,
  sumFields,
} from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { BarChart } from "./bar-chart";
import { type GroupNaming, groupedData, seriesOf } from "./compare";
import { Definitions } from "./definitions";
import { fill, type Formats, share } from "./format";
import { OtherCurrencies } from "./group-label";
import { GroupedBarChart } from "./grouped-bar-chart";
import { GroupedTable } from "./grouped-table";
import { numClass, Section, tdClass } from "./section";

const STEPS = ["clients", "linked", "ordered", "paid"] as const;

/** A count with its conversion from the step before; raw numbers in data-* for tests and scripts. */
function StepCells({ counts, formats }: { counts: FunnelCounts; formats: Formats }) {
  return (
    <>
      {STEPS.map((step, index) => {
        const previous = index === 0 ? null : counts[STEPS[index - 1] ?? "clients"];
        return (
          <td key={step} className={numClass} data-metric={step} data-value={counts[step]}>
            {formats.count(counts[step])}
            {previous !== null && (
              <span className="ml-1 text-xs text-muted-foreground">
                {formats.percent(share(counts[step], previous))}
              </span>
            )}
          </td>
        );
      })}
      <td className={numClass} data-metric="overall">
        {formats.percent(share(counts.paid, counts.clients))}
      </td>
    </>
  );
}

function RevenueCells({ counts, currency, formats }: { counts: FunnelCounts; currency: string; formats: Formats }) {
  return (
    <>
      <td className={numClass} data-metric="revenue" data-value={counts.revenue}>
        {formats.moneyTotal(counts.revenue, currency)}
      </td>
      <td className={tdClass}>
        <OtherCurrencies amounts={counts.revenueByCurrency} money={formats.moneyTotal} />
      </td>
    </>
  );
}

const emptyRow = (key: GroupKey): FunnelRow => ({
  key,
  clients: 0,
  linked: 0,
  ordered: 0,
  paid: 0,
  revenue: 0,
  revenueByCurrency: {},
});

/** The compared groups' steps; "other" adds up the steps of every other group (its money is not charted). */
function comparedRows(report: FunnelReport, compared: readonly GroupKey[]) {
  return foldGroups(report.rows, compared, emptyRow, (rest) => ({ ...emptyRow(null), ...sumFields(rest, STEPS) }));
}

/** Chart: the total's steps, or grouped, one bar per compared group at every step. */
function FunnelChart({
  report,
  compared,
  naming,
  t,
  locale,
}: {
  report: FunnelReport;
  compared: readonly GroupKey[];
  naming: GroupNaming;
  t: Translate;
  locale: Locale;
}) {
  if (report.groupBy === "none" || report.rows.length === 0) {
    const chart = STEPS.map((step) => ({ label: t(`analytics.funnel.${step}`), value: report.total[step] }));
    return <BarChart data={chart} valueName={t("analytics.funnel.count")} testId="funnel-chart" locale={locale} />;
  }
  const groups = comparedRows(report, compared);
  const data = groupedData(
    STEPS.map((step) => ({ label: t(`analytics.funnel.${step}`), value: (group: FunnelRow) => group[step] })),
    groups,
  );
  return <GroupedBarChart data={data} series={seriesOf(groups, naming)} testId="funnel-chart" locale={locale} />;
}

export function FunnelSection({
  report,
  compared,
  naming,
  t,
  locale,
  formats,
  groupHref,
  timeZone,
}: {
  report: FunnelReport;
  /** The groups every section compares side by side, biggest first. */
  compared: readonly GroupKey[];
  naming: GroupNaming;
  t: Translate;
  locale: Locale;
  formats: Formats;
  groupHref: (key: string | null) => string | null;
  timeZone: string;
}) {
  const values = { zone: timeZone, currency: report.currency };
  return (
    <Section title={t("analytics.funnel.title")} hint={t("analytics.funnel.hint")} testId="funnel-section">
      <FunnelChart report={report} compared={compared} naming={naming} t={t} locale={locale} />
      <GroupedTable
        t={t}
        groupBy={report.groupBy}
        columns={[
          ...STEPS.map((step) => ({ label: t(`analytics.funnel.${step}`), numeric: true })),
          { label: t("analytics.funnel.overall"), numeric: true },
          { label: t("analytics.funnel.revenue"), numeric: true },
          { label: t("analytics.revenue.otherCurrencies") },
        ]}
        rows={report.rows}
        labelOf={naming.labelOf}
        total={report.total}
        cells={(counts) => (
          <>
            <StepCells counts={counts} formats={formats} />
            <RevenueCells counts={counts} currency={report.currency} formats={formats} />
          </>
        )}
        groupHref={groupHref}
        testId="funnel-table"
        totalTestId="funnel-total"
        attributes={{ "data-group-by": report.groupBy, "data-from": report.from, "data-to": report.to }}
      />
      <Definitions
        items={[
          ...STEPS.map((step) => ({
            id: step,
            term: t(`analytics.funnel.${step}`),
            text: fill(t(`analytics.define.${step}`), values),
          })),
          { id: "revenue", term: t("analytics.funnel.revenue"), text: fill(t("analytics.define.revenue"), values) },
        ]}
      />
    </Section>
  );
}
