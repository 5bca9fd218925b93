import type { FunnelCounts, FunnelReport } from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { BarChart } from "./bar-chart";
import { type Formats, share } from "./format";
import { GroupLabel, OtherCurrencies } from "./group-label";
import { headClass, numClass, Section, tableClass, tdClass, thClass } from "./section";

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
  const grouped = report.groupBy !== "none";
  const chart = STEPS.map((step) => ({ label: t(`analytics.funnel.${step}`), value: report.total[step] }));
  return (
    <Section title={t("analytics.funnel.title")} hint={t("analytics.funnel.hint")} testId="funnel-section">
      <BarChart data={chart} valueName={t("analytics.funnel.count")} testId="funnel-chart" locale={locale} />
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="funnel-table" data-group-by={report.groupBy} data-from={report.from} data-to={report.to}>
          <thead className={headClass}>
            <tr>
              <th className={thClass}>{grouped ? t(`analytics.groupBy.${report.groupBy}`) : ""}</th>
              {STEPS.map((step) => (
                <th key={step} className={`${thClass} text-right`}>
                  {t(`analytics.funnel.${step}`)}
                </th>
              ))}
              <th className={`${thClass} text-right`}>{t("analytics.funnel.overall")}</th>
              <th className={`${thClass} text-right`}>{t("analytics.funnel.revenue")}</th>
              <th className={thClass}>{t("analytics.revenue.otherCurrencies")}</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => (
              <tr key={row.key ?? ""} className="border-b border-border last:border-0" data-key={row.key ?? ""}>
                <td className={tdClass}>
                  <GroupLabel t={t} groupKey={row.key} total={!grouped} href={groupHref(row.key)} />
                </td>
                <StepCells counts={row} formats={formats} />
                <RevenueCells counts={row} currency={report.currency} formats={formats} />
              </tr>
            ))}
          </tbody>
          {grouped && (
            <tfoot className="border-t border-border font-medium">
              <tr data-testid="funnel-total">
                <td className={tdClass}>
                  <GroupLabel t={t} groupKey={null} total />
                </td>
                <StepCells counts={report.total} formats={formats} />
                <RevenueCells counts={report.total} currency={report.currency} formats={formats} />
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </Section>
  );
}
