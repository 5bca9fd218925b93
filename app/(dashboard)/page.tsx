import Link from "next/link";
import type { ReactNode } from "react";
import { PeopleSearch } from "@/components/overview/people-search";
import { TrendsSection } from "@/components/overview/trends-section";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, CardValue } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { getOverview } from "@/lib/queries/overview";
import { getOverviewTrends } from "@/lib/queries/overview-trends";

export const dynamic = "force-dynamic";

function NumberLink({ href, children, testId }: { href: string; children: ReactNode; testId: string }) {
  return (
    <Link href={href} data-testid={testId} className="hover:underline">
      {children}
    </Link>
  );
}

// GET / – the hub's headline numbers; each links to the list behind it.
export default async function OverviewPage() {
  await requirePageUser("overview.read");
  // Without a database there is nothing to chart; the page still shows the rest.
  const [{ locale, t }, overview, trends] = await Promise.all([getTranslator(), getOverview(), getOverviewTrends().catch(() => null)]);
  const numberLocale = locale === "ru" ? "ru-RU" : "en-GB";
  const count = new Intl.NumberFormat(numberLocale);
  const percent = new Intl.NumberFormat(numberLocale, { style: "percent", maximumFractionDigits: 1 });
  const money = (amount: number, currency: string) => {
    try {
      return new Intl.NumberFormat(numberLocale, { style: "currency", currency, maximumFractionDigits: 2 }).format(amount);
    } catch {
      // GetCourse may send a currency that is not an ISO code; show it as it came.
      return `${count.format(amount)} ${currency}`;
    }
  };
  const { today, weekFrom, revenue } = overview;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("overview.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("overview.subtitle")}</p>
      </div>
      <PeopleSearch label={t("overview.search")} placeholder={t("overview.search.placeholder")} />
      <Card className="flex items-center justify-between">
        <CardTitle>{t("overview.database")}</CardTitle>
        <Badge data-testid="db-status" tone={overview.database === "ok" ? "success" : "danger"}>
          {t(overview.database === "ok" ? "overview.database.ok" : "overview.database.error")}
        </Badge>
      </Card>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Card>
          <CardTitle>{t("overview.links")}</CardTitle>
          <div className="mt-2 flex items-baseline gap-6">
            <div>
              <CardValue className="mt-0">
                <NumberLink href={`/links?period=24h&from=${today}&to=${today}`} testId="overview-links-today">
                  {count.format(overview.linksToday)}
                </NumberLink>
              </CardValue>
              <p className="text-xs text-muted-foreground">{t("overview.links.today")}</p>
            </div>
            <div>
              <CardValue className="mt-0">
                <NumberLink href={`/links?period=7d&from=${weekFrom}&to=${today}`} testId="overview-links-week">
                  {count.format(overview.linksWeek)}
                </NumberLink>
              </CardValue>
              <p className="text-xs text-muted-foreground">{t("overview.links.week")}</p>
            </div>
          </div>
        </Card>
        <Card>
          <CardTitle>{t("overview.successRate")}</CardTitle>
          <CardValue>
            <NumberLink href="/failures" testId="overview-success-rate">
              {overview.successRate === null ? "—" : percent.format(overview.successRate)}
            </NumberLink>
          </CardValue>
          <p className="text-xs text-muted-foreground">
            {overview.attemptsWeek === 0 ? t("overview.successRate.none") : `${t("overview.successRate.of")} ${count.format(overview.attemptsWeek)}`}
          </p>
        </Card>
        <Card>
          <CardTitle>{t("overview.failures")}</CardTitle>
          <CardValue>
            <NumberLink href="/failures" testId="overview-failures">
              {count.format(overview.openFailuresTotal)}
            </NumberLink>
          </CardValue>
          {overview.openFailures.length === 0 ? (
            <p className="text-xs text-muted-foreground">{t("overview.failures.none")}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm" aria-label={t("overview.failures.byCode")}>
              {overview.openFailures.map((failure) => (
                <li key={failure.code} className="flex justify-between gap-2">
                  <Link href={`/failures?code=${encodeURIComponent(failure.code)}`} className="font-mono text-xs hover:underline" data-testid={`overview-failure-${failure.code}`}>
                    {failure.code}
                  </Link>
                  <span>{count.format(failure.count)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardTitle>{t("overview.deliveries")}</CardTitle>
          <CardValue>
            <NumberLink href="/deliveries?status=pending" testId="overview-deliveries">
              {count.format(overview.deliveriesPending)}
            </NumberLink>
          </CardValue>
        </Card>
        <Card>
          {/* No list behind this one: spooled webhooks are files waiting for Postgres, not rows. */}
          <CardTitle>{t("overview.spool")}</CardTitle>
          <CardValue data-testid="overview-spool">{count.format(overview.spoolDepth)}</CardValue>
          <p className="text-xs text-muted-foreground">{t("overview.spool.note")}</p>
        </Card>
        <Card>
          <CardTitle>{t("overview.revenue")}</CardTitle>
          <CardValue>
            <NumberLink href={`/analytics?from=${revenue.from}&to=${revenue.to}`} testId="overview-revenue">
              {money(revenue.amount, revenue.currency)}
            </NumberLink>
          </CardValue>
          <p className="text-xs text-muted-foreground">
            {count.format(revenue.paidOrders)} {t("overview.revenue.orders")}
          </p>
          {revenue.others.length > 0 && (
            <p className="text-xs text-muted-foreground" data-testid="overview-revenue-others">
              {t("overview.revenue.others")} {revenue.others.map((other) => money(other.amount, other.currency)).join(", ")}
            </p>
          )}
        </Card>
      </div>
      {trends && <TrendsSection trends={trends} locale={locale} t={t} />}
      {overview.linksWeek === 0 && overview.attemptsWeek === 0 && <p className="text-sm text-muted-foreground">{t("overview.empty")}</p>}
    </div>
  );
}
