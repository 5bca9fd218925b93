import type { FunnelCounts, FunnelReport } from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { BarChart } from "./bar-chart";
import { type Formats, share } from "./format";
import { OtherCurrencies } from "./group-label";
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
            {previous !== null && <span className="ml-1 text-xs text-muted-foreground">{formats.percent(share(counts[step], previous))}</span>}
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
        {formats.money(counts.revenue, currency)}
      </td>
      <td className={tdClass}>
        <OtherCurrencies amounts={counts.revenueByCurrency} money={formats.money} />
      </td>
    </>
  );
}

export function FunnelSection({
  report,
  t,
  locale,
  formats,
  groupHref,
}: {
  report: FunnelReport;
  t: Translate;
  locale: Locale;
  formats: Formats;
  groupHref: (key: string | null) => string | null;
}) {
  const chart = STEPS.map((step) => ({ label: t(`analytics.funnel.${step}`), value: report.total[step] }));
  return (
    <Section title={t("analytics.funnel.title")} hint={t("analytics.funnel.hint")} testId="funnel-section">
      <BarChart data={chart} valueName={t("analytics.funnel.count")} testId="funnel-chart" locale={locale} />
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
    </Section>
  );
}
