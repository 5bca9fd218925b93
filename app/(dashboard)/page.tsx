import Link from "next/link";
import type { ReactNode } from "react";
import { PeopleSearch } from "@/components/overview/people-search";
import { TrendsSection } from "@/components/overview/trends-section";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle, CardValue } from "@/components/ui/card";
import { mayOpen } from "@/lib/auth/page-access";
import type { HasRole } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { errorCodeLabel } from "@/lib/i18n/codes";
import { getTranslator } from "@/lib/i18n/server";
import { getOverview } from "@/lib/queries/overview";
import { titledBy } from "@/lib/i18n/metadata";
import { getOverviewTrends } from "@/lib/queries/overview-trends";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.overview", "overview.read");

/** A number that opens the list behind it, for those who may open that list; plain text for others. */
function NumberLink({
  href,
  children,
  testId,
  user,
}: {
  href: string;
  children: ReactNode;
  testId: string;
  user: HasRole;
}) {
  if (!mayOpen(user, href)) return <span data-testid={testId}>{children}</span>;
  return (
    <Link href={href} data-testid={testId} className="hover:underline">
      {children}
    </Link>
  );
}

// GET / – the hub's headline numbers; each links to the list behind it.
export default async function OverviewPage() {
  const user = await requirePageUser("overview.read");
  // Without a database there is nothing to chart; the page still shows the rest.
  const [{ locale, t, format }, overview, trends] = await Promise.all([
    getTranslator(),
    getOverview(),
    getOverviewTrends().catch(() => null),
  ]);
  const { moneyTotal } = format;
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
          <div className="mt-2 flex flex-wrap items-baseline gap-x-6 gap-y-2">
            <div>
              <CardValue className="mt-0">
                <NumberLink user={user} href="/links" testId="overview-links-total">
                  {format.count(overview.linksTotal)}
                </NumberLink>
              </CardValue>
              <p className="text-xs text-muted-foreground">{t("overview.links.total")}</p>
            </div>
            <div>
              <CardValue className="mt-0">
                <NumberLink
                  user={user}
                  href={`/links?period=24h&from=${today}&to=${today}`}
                  testId="overview-links-today"
                >
                  {format.count(overview.linksToday)}
                </NumberLink>
              </CardValue>
              <p className="text-xs text-muted-foreground">{t("overview.links.today")}</p>
            </div>
            <div>
              <CardValue className="mt-0">
                <NumberLink
                  user={user}
                  href={`/links?period=7d&from=${weekFrom}&to=${today}`}
                  testId="overview-links-week"
                >
                  {format.count(overview.linksWeek)}
                </NumberLink>
              </CardValue>
              <p className="text-xs text-muted-foreground">{t("overview.links.week")}</p>
            </div>
          </div>
          <p className="mt-2 text-xs text-muted-foreground">{t("overview.links.total.note")}</p>
        </Card>
        <Card>
          <CardTitle>{t("overview.noTyping")}</CardTitle>
          <CardValue>
            <NumberLink user={user} href="/analytics?groupBy=link_source" testId="overview-no-typing">
              {format.percent(overview.noTypingShare)}
            </NumberLink>
          </CardValue>
          <p className="text-xs text-muted-foreground">
            {overview.linksWeek === 0
              ? t("overview.noTyping.none")
              : t("overview.noTyping.of", { count: overview.noTypingWeek, total: overview.linksWeek })}
          </p>
          {overview.pendingSuggestions > 0 && (
            <p className="mt-1 text-sm">
              <NumberLink user={user} href="/suggestions" testId="overview-pending-suggestions">
                {t("overview.noTyping.pending", { count: overview.pendingSuggestions })}
              </NumberLink>
            </p>
          )}
        </Card>
        <Card>
          <CardTitle>{t("overview.successRate")}</CardTitle>
          <CardValue>
            <NumberLink user={user} href="/failures" testId="overview-success-rate">
              {format.percent(overview.successRate)}
            </NumberLink>
          </CardValue>
          <p className="text-xs text-muted-foreground">
            {overview.attemptsWeek === 0
              ? t("overview.successRate.none")
              : t("overview.successRate.of", { count: overview.attemptsWeek })}
          </p>
        </Card>
        <Card>
          <CardTitle>{t("overview.failures")}</CardTitle>
          <CardValue>
            <NumberLink user={user} href="/failures" testId="overview-failures">
              {format.count(overview.openFailuresTotal)}
            </NumberLink>
          </CardValue>
          {overview.openFailures.length === 0 ? (
            <p className="text-xs text-muted-foreground">{t("overview.failures.none")}</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm" aria-label={t("overview.failures.byCode")}>
              {overview.openFailures.map((failure) => (
                <li key={failure.code} className="flex justify-between gap-2">
                  <NumberLink
                    user={user}
                    href={`/failures?code=${encodeURIComponent(failure.code)}`}
                    testId={`overview-failure-${failure.code}`}
                  >
                    {errorCodeLabel(t, failure.code)}
                  </NumberLink>
                  <span>{format.count(failure.count)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardTitle>{t("overview.deliveries")}</CardTitle>
          <CardValue>
            <NumberLink user={user} href="/deliveries?status=pending" testId="overview-deliveries">
              {format.count(overview.deliveriesPending)}
            </NumberLink>
          </CardValue>
        </Card>
        <Card>
          {/* No list behind this one: spooled webhooks are files waiting for Postgres, not rows. */}
          <CardTitle>{t("overview.spool")}</CardTitle>
          <CardValue data-testid="overview-spool">{format.count(overview.spoolDepth)}</CardValue>
          <p className="text-xs text-muted-foreground">{t("overview.spool.note")}</p>
        </Card>
        <Card>
          <CardTitle>{t("overview.revenue")}</CardTitle>
          <CardValue>
            <NumberLink user={user} href={`/analytics?from=${revenue.from}&to=${revenue.to}`} testId="overview-revenue">
              {moneyTotal(revenue.amount, revenue.currency)}
            </NumberLink>
          </CardValue>
          <p className="text-xs text-muted-foreground">{t("overview.revenue.orders", { count: revenue.paidOrders })}</p>
          {revenue.others.length > 0 && (
            <p className="text-xs text-muted-foreground" data-testid="overview-revenue-others">
              {t("overview.revenue.others")}{" "}
              {revenue.others.map((other) => moneyTotal(other.amount, other.currency)).join(", ")}
            </p>
          )}
          {/* The analytics page's revenue is dated by first message, this one by payment: say so. */}
          <p className="mt-1 text-xs text-muted-foreground" data-testid="overview-revenue-definition">
            {t("analytics.define.overviewRevenue", { zone: getEnv().TIME_ZONE, currency: revenue.currency })}
          </p>
        </Card>
      </div>
      {trends && <TrendsSection trends={trends} locale={locale} t={t} formats={format} />}
      {overview.linksWeek === 0 && overview.attemptsWeek === 0 && (
        <p className="text-sm text-muted-foreground">{t("overview.empty")}</p>
      )}
    </div>
  );
}
