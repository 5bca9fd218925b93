import type { Cohort, CohortReport } from "@/lib/analytics";
import type { Translate } from "@/lib/i18n/messages";
import { type GroupNaming, groupName, seriesOf } from "./compare";
import { Definitions } from "./definitions";
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

function CohortRow({ cohort, weeks, formats }: { cohort: Cohort; weeks: number[]; formats: Formats }) {
  return (
    <tr className="border-b border-border last:border-0" data-key={cohort.week}>
      <td className={`${tdClass} whitespace-nowrap`}>{formats.day(cohort.week)}</td>
      <td className={numClass} data-metric="clients" data-value={cohort.clients}>
        {formats.count(cohort.clients)}
      </td>
      <td className={numClass} data-metric="paid" data-value={cohort.paid}>
        {formats.count(cohort.paid)}
        <span className="ml-1 text-xs text-muted-foreground">
          {formats.percent(share(cohort.paid, cohort.clients))}
        </span>
      </td>
      <td className={numClass}>{formats.count(cohort.paidBefore)}</td>
      {weeks.map((n) => {
        const paid = cohort.paidByWeek[n] ?? 0;
        return (
          <td
            key={n}
            className={numClass}
            style={{ backgroundColor: shade(paid, cohort.clients) }}
            title={formats.percent(share(paid, cohort.clients))}
            data-week={n}
            data-value={paid}
          >
            {paid === 0 ? "" : formats.count(paid)}
          </td>
        );
      })}
      <td className={numClass}>{formats.count(cohort.paidLater)}</td>
    </tr>
  );
}

export function CohortsSection({
  report,
  naming,
  t,
  formats,
  timeZone,
}: {
  report: CohortReport;
  naming: GroupNaming;
  t: Translate;
  formats: Formats;
  timeZone: string;
}) {
  const weeks = Array.from({ length: report.weeks }, (_, n) => n);
  const columns = weeks.length + 5;
  const grouped = report.groupBy !== "none" && report.groups.length > 0;
  const series = seriesOf(report.groups, naming);
  return (
    <Section title={t("analytics.cohorts.title")} hint={t("analytics.cohorts.hint")} testId="cohorts-section">
      <div className="overflow-x-auto">
        <table className={tableClass} data-testid="cohorts-table" data-group-by={report.groupBy}>
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
          {grouped ? (
            report.groups.map((group, index) => (
              <tbody
                key={group.other ? "other" : `group:${group.key ?? ""}`}
                data-testid="cohort-group"
                data-group={group.key ?? ""}
                data-other={group.other}
              >
                <tr className="border-b border-border bg-muted/40">
                  <th colSpan={columns} scope="rowgroup" className={`${thClass} text-left`}>
                    <span
                      aria-hidden
                      className="mr-2 inline-block size-2.5 rounded-sm"
                      style={{ backgroundColor: series[index]?.color }}
                    />
                    {groupName(group, naming)}
                  </th>
                </tr>
                {group.cohorts.map((cohort) => (
                  <CohortRow key={cohort.week} cohort={cohort} weeks={weeks} formats={formats} />
                ))}
              </tbody>
            ))
          ) : (
            <tbody>
              {report.cohorts.map((cohort) => (
                <CohortRow key={cohort.week} cohort={cohort} weeks={weeks} formats={formats} />
              ))}
              {report.cohorts.length === 0 && (
                <tr>
                  <td colSpan={columns} className="px-3 py-6 text-center text-muted-foreground">
                    {t("analytics.cohorts.empty")}
                  </td>
                </tr>
              )}
            </tbody>
          )}
        </table>
      </div>
      <Definitions
        items={[
          {
            id: "cohortClients",
            term: t("analytics.cohorts.clients"),
            text: fill(t("analytics.define.cohortClients"), { zone: timeZone }),
          },
          { id: "cohortPaid", term: t("analytics.cohorts.paid"), text: t("analytics.define.cohortPaid") },
        ]}
      />
    </Section>
  );
}
