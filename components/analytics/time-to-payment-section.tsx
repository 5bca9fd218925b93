import type { TimeToPaymentReport } from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { Card, CardTitle, CardValue } from "@/components/ui/card";
import { BarChart } from "./bar-chart";
import { type GroupNaming, groupedData, groupName, seriesOf } from "./compare";
import { Definitions } from "./definitions";
import { fill, type Formats } from "./format";
import { GroupedBarChart } from "./grouped-bar-chart";
import { CountCell, headClass, numClass, Section, tableClass, tdClass, thClass } from "./section";

/** Hours read as hours under two days, as days above. */
function duration(hours: number | null, t: Translate, formats: Formats): string {
  if (hours === null) return t("analytics.ttp.none");
  return hours < 48
    ? fill(t("analytics.ttp.hours"), { hours: formats.decimal(hours) })
    : fill(t("analytics.ttp.days"), { days: formats.decimal(hours / 24) });
}

/** Grouped: each compared group's median, counts and buckets, one row each. */
function GroupsTable({
  report,
  naming,
  t,
  formats,
}: {
  report: TimeToPaymentReport;
  naming: GroupNaming;
  t: Translate;
  formats: Formats;
}) {
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} data-testid="ttp-groups-table" data-group-by={report.groupBy}>
        <thead className={headClass}>
          <tr>
            <th className={thClass}>{t(`analytics.groupBy.${report.groupBy}`)}</th>
            <th className={`${thClass} text-right`}>{t("analytics.ttp.median")}</th>
            <th className={`${thClass} text-right`}>{t("analytics.ttp.paidClients")}</th>
            <th className={`${thClass} text-right`}>{t("analytics.ttp.paidBefore")}</th>
            {report.buckets.map((bucket) => (
              <th key={bucket.key} className={`${thClass} text-right whitespace-nowrap`}>
                {t(`analytics.ttp.bucket.${bucket.key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.groups.map((group) => (
            <tr
              key={group.other ? "other" : `group:${group.key ?? ""}`}
              className="border-b border-border last:border-0"
              data-key={group.key ?? ""}
              data-other={group.other}
            >
              <td className={tdClass}>{groupName(group, naming)}</td>
              <td className={numClass} data-metric="median" data-value={group.medianHours ?? ""}>
                {duration(group.medianHours, t, formats)}
              </td>
              <CountCell value={group.paidClients} count={formats.count} data={{ "data-metric": "paidClients" }} />
              <CountCell
                value={group.paidBeforeFirstMessage}
                count={formats.count}
                data={{ "data-metric": "paidBefore" }}
              />
              {group.buckets.map((bucket) => (
                <CountCell
                  key={bucket.key}
                  value={bucket.clients}
                  count={formats.count}
                  data={{ "data-bucket": bucket.key }}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function TimeToPaymentSection({
  report,
  naming,
  t,
  locale,
  formats,
}: {
  report: TimeToPaymentReport;
  naming: GroupNaming;
  t: Translate;
  locale: Locale;
  formats: Formats;
}) {
  const grouped = report.groupBy !== "none" && report.groups.length > 0;
  const chart = report.buckets.map((bucket) => ({
    label: t(`analytics.ttp.bucket.${bucket.key}`),
    value: bucket.clients,
  }));
  const groupedChart = groupedData(
    report.buckets.map((bucket, index) => ({
      label: t(`analytics.ttp.bucket.${bucket.key}`),
      value: (group: (typeof report.groups)[number]) => group.buckets[index]?.clients ?? 0,
    })),
    report.groups,
  );
  return (
    <Section title={t("analytics.ttp.title")} hint={t("analytics.ttp.hint")} testId="ttp-section">
      <div className="grid gap-4 sm:grid-cols-3">
        <Card>
          <CardTitle>{t("analytics.ttp.median")}</CardTitle>
          <CardValue data-testid="ttp-median" data-value={report.medianHours ?? ""}>
            {duration(report.medianHours, t, formats)}
          </CardValue>
        </Card>
        <Card>
          <CardTitle>{t("analytics.ttp.paidClients")}</CardTitle>
          <CardValue data-testid="ttp-paid" data-value={report.paidClients}>
            {formats.count(report.paidClients)}
          </CardValue>
        </Card>
        <Card>
          <CardTitle>{t("analytics.ttp.paidBefore")}</CardTitle>
          <CardValue data-testid="ttp-before" data-value={report.paidBeforeFirstMessage}>
            {formats.count(report.paidBeforeFirstMessage)}
          </CardValue>
        </Card>
      </div>
      {grouped && (
        <>
          <GroupedBarChart
            data={groupedChart}
            series={seriesOf(report.groups, naming)}
            height={300}
            testId="ttp-chart"
            locale={locale}
          />
          <GroupsTable report={report} naming={naming} t={t} formats={formats} />
        </>
      )}
      <div className="grid gap-4 lg:grid-cols-2">
        {!grouped && (
          <BarChart
            data={chart}
            valueName={t("analytics.ttp.clients")}
            layout="horizontal-bars"
            height={280}
            testId="ttp-chart"
            locale={locale}
          />
        )}
        <table className={tableClass} data-testid="ttp-table">
          <thead className={headClass}>
            <tr>
              <th className={thClass}>{t("analytics.ttp.bucket")}</th>
              <th className={`${thClass} text-right`}>{t("analytics.ttp.clients")}</th>
            </tr>
          </thead>
          <tbody>
            {report.buckets.map((bucket) => (
              <tr key={bucket.key} className="border-b border-border last:border-0" data-key={bucket.key}>
                <td className={tdClass}>{t(`analytics.ttp.bucket.${bucket.key}`)}</td>
                <CountCell value={bucket.clients} count={formats.count} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Definitions
        items={[
          { id: "median", term: t("analytics.ttp.median"), text: t("analytics.define.ttpMedian") },
          { id: "paidClients", term: t("analytics.ttp.paidClients"), text: t("analytics.define.ttpPaid") },
          { id: "paidBefore", term: t("analytics.ttp.paidBefore"), text: t("analytics.define.ttpBefore") },
        ]}
      />
    </Section>
  );
}
