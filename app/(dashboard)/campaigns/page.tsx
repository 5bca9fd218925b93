import { PeriodForm } from "@/components/filters/period-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { periodQuerySchema } from "@/lib/analytics/period";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { EMPTY_STATS, getCampaignStats } from "@/lib/queries/campaign-stats";
import { UTM_KEYS, UTM_PARAM } from "@/lib/campaigns/utm";
import { listCampaigns } from "@/lib/queries/campaigns";
import { getTranslator } from "@/lib/i18n/server";
import { createCampaignAction, setArchivedAction } from "./actions";
import { ArchiveForm } from "./archive-form";
import { CopyLink } from "./copy-link";
import { CreateCampaignForm } from "./create-form";
import { titledBy } from "@/lib/i18n/metadata";
import { PlainTableHead } from "@/components/ui/plain-table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.campaigns", "campaigns.read");

type SearchParams = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// GET /campaigns – tracked links per bot and UTM set, with what each brought over a period.
// Everyone with campaigns.read sees the list; campaigns.write (admin, marketer) creates and archives.
export default async function CampaignsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requirePageUser("campaigns.read");
  const params = await searchParams;
  // A bad period in the URL falls back to the default (last 30 days) instead of an error page.
  const period = periodQuerySchema.safeParse({ from: one(params.from) || undefined, to: one(params.to) || undefined });
  const showArchived = one(params.archived) === "1";
  const [{ t, format }, campaigns, stats] = await Promise.all([
    getTranslator(),
    listCampaigns({ includeArchived: showArchived }),
    getCampaignStats(period.success ? period.data : {}),
  ]);
  const writer = can(user, "campaigns.write");
  const archivedHref = (on: boolean) => {
    const query = new URLSearchParams({ from: stats.period.from, to: stats.period.to });
    if (on) query.set("archived", "1");
    return `/campaigns?${query.toString()}`;
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("campaigns.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("campaigns.subtitle")}</p>
      </div>

      {writer ? (
        <Card className="space-y-3">
          <h2 className="text-sm font-medium">{t("campaigns.create.title")}</h2>
          <CreateCampaignForm
            action={createCampaignAction}
            labels={{
              name: t("campaigns.create.name"),
              bot: t("campaigns.create.bot"),
              botHint: t("campaigns.create.botHint"),
              kind: t("campaigns.create.kind"),
              kindTelegram: t("campaigns.kind.telegram_start"),
              kindSalebot: t("campaigns.kind.salebot_link"),
              salebotLink: t("campaigns.create.salebotLink"),
              salebotLinkHint: t("campaigns.create.salebotLinkHint"),
              startCode: t("campaigns.create.startCode"),
              startCodeHint: t("campaigns.create.startCodeHint"),
              submit: t("campaigns.create.submit"),
              telegramLink: t("campaigns.link.telegram"),
              salebotLinkOut: t("campaigns.link.salebot"),
              salebotMissing: t("campaigns.link.salebotMissing"),
              copy: t("campaigns.copy"),
              copied: t("campaigns.copied"),
            }}
          />
        </Card>
      ) : (
        <p className="text-sm text-muted-foreground">{t("campaigns.readOnly")}</p>
      )}

      <div className="flex flex-wrap items-end justify-between gap-3">
        <PeriodForm
          from={stats.period.from}
          to={stats.period.to}
          keep={{ archived: showArchived ? "1" : undefined }}
          labels={{
            from: t("campaigns.period.from"),
            to: t("campaigns.period.to"),
            apply: t("campaigns.period.apply"),
          }}
        />
        <a href={archivedHref(!showArchived)} className="text-sm text-primary hover:underline">
          {t(showArchived ? "campaigns.hideArchived" : "campaigns.showArchived")}
        </a>
      </div>
      <p className="text-xs text-muted-foreground">{t("campaigns.period.note")}</p>

      {/* A plain table, not components/data-table: a school has tens of campaigns, so no paging or server sort. */}
      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm" data-testid="campaigns-table">
          <PlainTableHead
            columns={[
              t("campaigns.column.name"),
              t("campaigns.column.links"),
              t("campaigns.column.utm"),
              { right: t("campaigns.column.clients") },
              { right: t("campaigns.column.paid") },
              { right: t("campaigns.column.revenue") },
              writer && t("campaigns.column.actions"),
            ]}
          />
          <tbody>
            {campaigns.length === 0 && (
              <tr>
                <td colSpan={writer ? 7 : 6} className="px-4 py-6 text-center text-muted-foreground">
                  {t("campaigns.empty")}
                </td>
              </tr>
            )}
            {campaigns.map((campaign) => {
              const row = stats.byCampaign.get(campaign.id) ?? EMPTY_STATS;
              return (
                <tr
                  key={campaign.id}
                  className="border-b border-border align-top last:border-0"
                  data-testid={`campaign-row-${campaign.startCode}`}
                >
                  <td className="px-4 py-3">
                    <div className="font-medium">{campaign.name}</div>
                    <div className="text-xs text-muted-foreground">
                      @{campaign.bot} · <code>{campaign.startCode}</code> · {format.date(campaign.createdAt)}
                      {campaign.createdByEmail ? ` · ${t("campaigns.createdBy")} ${campaign.createdByEmail}` : ""}
                    </div>
                    {campaign.archivedAt && <Badge className="mt-1">{t("campaigns.archived")}</Badge>}
                  </td>
                  <td className="space-y-1 px-4 py-3">
                    <CopyLink
                      value={campaign.telegramUrl}
                      copyLabel={t("campaigns.copy")}
                      copiedLabel={t("campaigns.copied")}
                      testId="campaign-telegram-link"
                    />
                    {campaign.salebotUrl && (
                      <CopyLink
                        value={campaign.salebotUrl}
                        copyLabel={t("campaigns.copy")}
                        copiedLabel={t("campaigns.copied")}
                        testId="campaign-salebot-link"
                      />
                    )}
                  </td>
                  <td className="px-4 py-3 text-xs text-muted-foreground">
                    {UTM_KEYS.filter((key) => campaign[key]).map((key) => (
                      <div key={key}>
                        {UTM_PARAM[key]}={campaign[key]}
                      </div>
                    ))}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums" data-testid="campaign-clients">
                    {format.count(row.clients)}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums" data-testid="campaign-paid">
                    {format.count(row.paidCustomers)}
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums" data-testid="campaign-revenue">
                    <div>{format.moneyTotal(row.revenue, stats.currency)}</div>
                    {Object.entries(row.revenueByCurrency).map(([currency, amount]) => (
                      <div key={currency} className="text-xs text-muted-foreground">
                        {format.moneyTotal(amount, currency)}
                      </div>
                    ))}
                  </td>
                  {writer && (
                    <td className="px-4 py-3">
                      <ArchiveForm
                        action={setArchivedAction}
                        id={campaign.id}
                        archive={!campaign.archivedAt}
                        label={t(campaign.archivedAt ? "campaigns.unarchive" : "campaigns.archive")}
                      />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
