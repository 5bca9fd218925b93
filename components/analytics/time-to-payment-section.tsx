import type { TimeToPaymentReport } from "@/lib/analytics";
import type { Locale, Translate } from "@/lib/i18n/messages";
import { Card, CardTitle, CardValue } from "@/components/ui/card";
import { BarChart } from "./bar-chart";
import { fill, type Formats } from "./format";
import { headClass, numClass, Section, tableClass, tdClass, thClass } from "./section";

/** Hours read as hours under two days, as days above. */
function duration(hours: number | null, t: Translate, formats: Formats): string {
  if (hours === null) return t("analytics.ttp.none");
  return hours < 48 ? fill(t("analytics.ttp.hours"), { hours: formats.decimal(hours) }) : fill(t("analytics.ttp.days"), { days: formats.decimal(hours / 24) });
}

export function TimeToPaymentSection({ report, t, locale, formats }: { report: TimeToPaymentReport; t: Translate; locale: Locale; formats: Formats }) {
  const chart = report.buckets.map((bucket) => ({ label: t(`analytics.ttp.bucket.${bucket.key}`), value: bucket.clients }));
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
      <div className="grid gap-4 lg:grid-cols-2">
        <BarChart data={chart} valueName={t("analytics.ttp.clients")} layout="horizontal-bars" height={280} testId="ttp-chart" locale={locale} />
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
                <td className={numClass} data-value={bucket.clients}>
                  {formats.count(bucket.clients)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
