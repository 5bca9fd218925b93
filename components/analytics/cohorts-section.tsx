import type { CohortReport } from "@/lib/analytics";
import type { Translate } from "@/lib/i18n/messages";
import { fill, type Formats, share } from "./format";
import { headClass, numClass, Section, tableClass, tdClass, thClass } from "./section";

/**
 * The cohort matrix is its own chart: each cell is shaded by the share of the cohort that first
 * paid in that week, and still reads as plain numbers.
 */
function shade(part: number, whole: number): string | undefined {
  const ratio = share(part, whole);
  if (ratio === null || part === 0) return undefined;
  // The strongest real cohorts convert a few percent a week; scale so those are clearly visible.
  const alpha = Math.min(0.85, 0.08 + ratio * 4);
  return `color-mix(in oklch, var(--color-primary) ${Math.round(alpha * 100)}%, transparent)`;
}

export function CohortsSection({ report, t, formats }: { report: CohortReport; t: Translate; formats: Formats }) {
  const weeks = Array.from({ length: report.weeks }, (_, n) => n);
  return (
    <Section title={t("analytics.cohorts.title")} hint={t("analytics.cohorts.hint")} testId="cohorts-section">
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="cohorts-table">
          <thead className={headClass}>
            <tr>
              <th className={thClass}>{t("analytics.cohorts.week")}</th>
              <th className={`${thClass} text-right`}>{t("analytics.cohorts.clients")}</th>
              <th className={`${thClass} text-right`}>{t("analytics.cohorts.paid")}</th>
              <th className={`${thClass} text-right`}>{t("analytics.cohorts.before")}</th>
              {weeks.map((n) => (
                <th key={n} className={`${thClass} text-right whitespace-nowrap`}>
                  {fill(t("analytics.cohorts.weekN"), { n })}
                </th>
              ))}
              <th className={`${thClass} text-right`}>{t("analytics.cohorts.later")}</th>
            </tr>
          </thead>
          <tbody>
            {report.cohorts.map((cohort) => (
              <tr key={cohort.week} className="border-b border-border last:border-0" data-key={cohort.week}>
                <td className={`${tdClass} whitespace-nowrap`}>{cohort.week}</td>
                <td className={numClass} data-metric="clients" data-value={cohort.clients}>
                  {formats.count(cohort.clients)}
                </td>
                <td className={numClass} data-metric="paid" data-value={cohort.paid}>
                  {formats.count(cohort.paid)}
                  <span className="ml-1 text-xs text-muted-foreground">{formats.percent(share(cohort.paid, cohort.clients))}</span>
                </td>
                <td className={numClass}>{formats.count(cohort.paidBefore)}</td>
                {weeks.map((n) => {
                  const paid = cohort.paidByWeek[n] ?? 0;
                  return (
                    <td key={n} className={numClass} style={{ backgroundColor: shade(paid, cohort.clients) }} title={formats.percent(share(paid, cohort.clients))} data-week={n} data-value={paid}>
                      {paid === 0 ? "" : formats.count(paid)}
                    </td>
                  );
                })}
                <td className={numClass}>{formats.count(cohort.paidLater)}</td>
              </tr>
            ))}
            {report.cohorts.length === 0 && (
              <tr>
                <td colSpan={weeks.length + 5} className="px-3 py-6 text-center text-muted-foreground">
                  {t("analytics.cohorts.empty")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
