import { Download } from "lucide-react";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { dataTableLabels } from "@/components/data-table/labels";
import { SearchBox } from "@/components/data-table/search-box";
import type { DataTableColumn, DataTableRow } from "@/components/data-table/types";
import { ExternalLink } from "@/components/links/external-link";
import { Badge } from "@/components/ui/badge";
import { Truncated } from "@/components/ui/truncated";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { csvExportHref } from "@/lib/csv/href";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { deepLinks } from "@/lib/queries/deep-links";
import {
  LINK_COUNT_CAP,
  LINK_PERIODS,
  LINK_SOURCES,
  LINK_STATUSES,
  type LinkListQuery,
  type LinkRow,
  linkListQuerySchema,
  listLinks,
} from "@/lib/queries/links";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/list-query";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.links", "links.read");

function columns(t: Translate): DataTableColumn[] {
  return [
    { id: "name", header: t("links.column.client"), sortable: true },
    { id: "email", header: t("links.column.email"), sortable: true },
    { id: "telegramId", header: t("links.column.telegram"), sortable: true, className: "whitespace-nowrap" },
    { id: "salebot", header: t("links.column.salebot"), className: "whitespace-nowrap" },
    { id: "getcourse", header: t("links.column.getcourse"), className: "whitespace-nowrap" },
    { id: "source", header: t("links.column.source"), className: "whitespace-nowrap" },
    { id: "status", header: t("links.column.status"), className: "whitespace-nowrap" },
    {
      id: "linkedAt",
      header: t("links.column.linkedAt"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
  ];
}

function exportHref(query: LinkListQuery, locale: string): string {
  const params = new URLSearchParams();
  for (const key of ["q", "source", "period", "status"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  params.set("sort", query.sort);
  params.set("dir", query.dir);
  return csvExportHref("/api/export/links.csv", params, locale);
}

// GET /links?q=&source=&period=&status=&sort=&dir=&page=&pageSize= – every linked Salebot client.
export default async function LinksPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("links.read");
  const query = parseSearchParams(linkListQuerySchema, await searchParams);
  const [{ locale, t, format }, result] = await Promise.all([getTranslator(), listLinks(query)]);
  const links = deepLinks();
  const showCards = can(user, "customers.read");

  const row = (link: LinkRow): DataTableRow => {
    const name = link.name ?? <span className="text-muted-foreground">{t("links.noName")}</span>;
    const gcCard = link.gcUserId ? links.gcUserCard(link.gcUserId) : null;
    return {
      id: link.customerId,
      cells: {
        name: showCards ? (
          <Link
            href={`/customers/${encodeURIComponent(link.customerId)}`}
            className="hover:underline"
            data-testid="customer-link"
          >
            {name}
          </Link>
        ) : (
          name
        ),
        email: <Truncated text={link.email} />,
        telegramId: link.telegramId ?? "—",
        salebot: (
          <ExternalLink href={links.salebotDialog(link.projectId, link.sbClientId)} testId="salebot-link">
            {link.sbClientId}
          </ExternalLink>
        ),
        getcourse: gcCard ? (
          <ExternalLink href={gcCard} testId="gc-link">
            {link.gcUserId}
          </ExternalLink>
        ) : (
          (link.gcUserId ?? "—")
        ),
        source: t(`links.source.${link.source}`),
        status: link.salebotPending ? (
          <Badge>{t("links.status.salebot_pending")}</Badge>
        ) : (
          <Badge tone="success">{t("links.status.linked")}</Badge>
        ),
        linkedAt: format.dateTime(link.linkedAt),
      },
    };
  };

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("links.title")}</h1>
          <p className="text-sm text-muted-foreground">{t("links.subtitle")}</p>
        </div>
        <a
          href={exportHref(query, locale)}
          className="inline-flex items-center gap-2 rounded-md border border-border bg-card px-3 py-2 text-sm hover:bg-muted"
          data-testid="links-export"
        >
          <Download aria-hidden className="h-4 w-4" />
          {t("links.export")}
        </a>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <SearchBox label={t("links.search")} placeholder={t("links.search.placeholder")} hintId="links-search-hint" />
        <FilterSelect
          param="source"
          label={t("links.filter.source")}
          allLabel={t("dataTable.all")}
          options={LINK_SOURCES.map((value) => ({ value, label: t(`links.source.${value}`) }))}
        />
        <FilterSelect
          param="period"
          label={t("links.filter.period")}
          allLabel={t("dataTable.all")}
          options={LINK_PERIODS.map((value) => ({ value, label: t(`links.period.${value}`) }))}
        />
        <FilterSelect
          param="status"
          label={t("links.filter.status")}
          allLabel={t("dataTable.all")}
          options={LINK_STATUSES.map((value) => ({ value, label: t(`links.status.${value}`) }))}
        />
        {/* Its own line under the row, so the filters stay level with the field. */}
        <p id="links-search-hint" className="basis-full text-xs text-muted-foreground" data-testid="links-search-hint">
          {t("links.search.hint")}
        </p>
      </div>
      {result.newestMatchesOnly && (
        <p className="text-sm text-muted-foreground" data-testid="links-newest-matches-only">
          {t("links.newestMatchesOnly", { total: format.count(LINK_COUNT_CAP) })}
        </p>
      )}
      <DataTable
        testId="links-table"
        stackOnPhone
        columns={columns(t)}
        rows={result.rows.map(row)}
        rowCount={result.total}
        rowCountCapped={result.totalCapped}
        page={result.page}
        pageSize={result.pageSize}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        labels={dataTableLabels(t)}
      />
    </div>
  );
}
