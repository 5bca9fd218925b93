import { Card, CardTitle } from "@/components/ui/card";
import type { Formats } from "@/lib/i18n/format";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/messages";
import type { OverviewTrends, TrendDay } from "@/lib/queries/overview-trends";
import { TrendChart } from "./trend-chart";

type Series = { key: "links" | "failures" | "revenue"; title: MessageKey; note: MessageKey; money: boolean };

const SERIES: Series[] = [
  { key: "links", title: "overview.trends.links", note: "overview.trends.links.note", money: false },
  { key: "failures", title: "overview.trends.failures", note: "overview.trends.failures.note", money: false },
  { key: "revenue", title: "overview.trends.revenue", note: "overview.trends.revenue.note", money: true },
];

/** Links, failures and revenue per school day: a chart each, and the numbers as a table for screen readers. */
export function TrendsSection({
  trends,
  locale,
  t,
  formats,
}: {
  trends: OverviewTrends;
  locale: Locale;
  t: Translate;
  formats: Formats;
}) {
  // A day's revenue is a sum: whole units, like the revenue card above (lib/i18n/format.ts).
  const format = (series: Series, value: number) =>
    series.money ? formats.moneyTotal(value, trends.currency) : formats.count(value);
  const valueOf = (day: TrendDay, series: Series) => day[series.key];

  return (
    <section aria-labelledby="overview-trends" className="space-y-3" data-testid="overview-trends">
      <h2 id="overview-trends" className="text-lg font-semibold tracking-tight">
        {t("overview.trends")}
      </h2>
      <div className="grid gap-4 lg:grid-cols-3">
        {SERIES.map((series) => {
          const total = trends.days.reduce((sum, day) => sum + valueOf(day, series), 0);
          return (
            <Card key={series.key} className="min-w-0 space-y-2" data-testid={`overview-trend-${series.key}`}>
              <CardTitle>{t(series.title)}</CardTitle>
              <p className="text-sm">
                {t("overview.trends.total")}{" "}
                <span className="font-semibold" data-testid={`overview-trend-${series.key}-total`}>
                  {format(series, total)}
                </span>
              </p>
              <TrendChart
                data={trends.days.map((day) => ({ day: day.day, value: valueOf(day, series) }))}
                valueName={t(series.title)}
                locale={locale}
                currency={series.money ? trends.currency : undefined}
              />
              <p className="text-xs text-muted-foreground">{t(series.note)}</p>
              <div className="sr-only">
                <table>
                  <caption>{t(series.title)}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("overview.trends.day")}</th>
                      <th scope="col">{t(series.title)}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {trends.days.map((day) => (
                      <tr key={day.day}>
                        <td>{formats.day(day.day)}</td>
                        <td>{format(series, valueOf(day, series))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </Card>
          );
        })}
      </div>
    </section>
  );
}
