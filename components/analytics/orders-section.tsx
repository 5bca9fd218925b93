import { Download, X } from "lucide-react";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { dataTableLabels } from "@/components/data-table/labels";
import { SearchBox } from "@/components/data-table/search-box";
import type { DataTableColumn, DataTableRow } from "@/components/data-table/types";
import { listHref } from "@/components/data-table/url";
import { ExternalLink } from "@/components/links/external-link";
import { Badge } from "@/components/ui/badge";
import { Truncated } from "@/components/ui/truncated";
import type { OrderRow, Page } from "@/lib/queries/orders";
import type { OrderSort } from "@/lib/queries/orders-query";
import { botLabel, gcStatusLabel } from "@/lib/i18n/codes";
import type { Translate } from "@/lib/i18n/messages";
import type { Formats } from "./format";
import { Section } from "./section";

export type OrdersView = {
  page: Page<OrderRow>;
  sort: OrderSort;
  dir: "asc" | "desc";
  /** Filters without a control of their own (set from a group row), shown as removable chips. */
  chips: { param: string; label: string; value: string }[];
  current: URLSearchParams;
  exportHref: string;
};

// Sortable column ids are the orders query's sort keys (lib/queries/orders-query.ts).
function columns(t: Translate): DataTableColumn[] {
  return [
    { id: "deal", header: t("analytics.orders.column.deal"), className: "whitespace-nowrap" },
    { id: "email", header: t("analytics.orders.column.email"), sortable: true },
    { id: "status", header: t("analytics.orders.column.status"), sortable: true, className: "whitespace-nowrap" },
    {
      id: "costAmount",
      header: t("analytics.orders.column.amount"),
      sortable: true,
      sortDescFirst: true,
      className: "text-right whitespace-nowrap",
    },
    {
      id: "paidAmount",
      header: t("analytics.orders.column.paidAmount"),
      sortable: true,
      sortDescFirst: true,
      className: "text-right whitespace-nowrap",
    },
    {
      id: "orderedAt",
      header: t("analytics.orders.column.orderedAt"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
    {
      id: "paidAt",
      header: t("analytics.orders.column.paidAt"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
    {
      id: "firstMessageAt",
      header: t("analytics.orders.column.firstMessageAt"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
    { id: "bot", header: t("analytics.orders.column.bot") },
    { id: "source", header: t("analytics.orders.column.source") },
    { id: "messages", header: t("analytics.orders.column.messages"), className: "text-right" },
    {
      id: "linkedAt",
      header: t("analytics.orders.column.linkedAt"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
  ];
}

const dash = <span className="text-muted-foreground">—</span>;

export function OrdersSection({
  view,
  t,
  formats,
  dateTime,
  dealCard,
  dialog,
}: {
  view: OrdersView;
  t: Translate;
  formats: Formats;
  dateTime: (iso: string | null) => string | null;
  dealCard: (dealId: string) => string | null;
  dialog: (projectId: string, clientId: string) => string;
}) {
  const { page } = view;
  const when = (iso: string | null) => dateTime(iso) ?? dash;
  const row = (order: OrderRow): DataTableRow => {
    const card = dealCard(order.dealId);
    const deal = order.dealNumber ?? order.dealId;
    return {
      id: order.dealId,
      cells: {
        deal: card ? (
          <ExternalLink href={card} testId="gc-deal-link">
            {deal}
          </ExternalLink>
        ) : (
          deal
        ),
        email: order.email ? <Truncated text={order.email} /> : dash,
        status: (
          <span className="flex flex-col items-start gap-1">
            {gcStatusLabel(t, order.status) ?? dash}
            {!order.paid && <Badge>{t("analytics.orders.notPaid")}</Badge>}
          </span>
        ),
        costAmount: order.costAmount === null ? dash : formats.money(order.costAmount, order.currency),
        paidAmount: order.paid && order.paidAmount !== null ? formats.money(order.paidAmount, order.currency) : dash,
        orderedAt: when(order.orderedAt),
        paidAt: when(order.paidAt),
        firstMessageAt:
          order.sbProjectId && order.sbClientId && order.firstMessageAt ? (
            <ExternalLink href={dialog(order.sbProjectId, order.sbClientId)} testId="salebot-link">
              {when(order.firstMessageAt)}
            </ExternalLink>
          ) : (
            dash
          ),
        bot: botLabel(t, order.bot, order.messenger) ?? dash,
        source: order.source ?? dash,
        messages: order.messagesBeforePurchase === null ? dash : formats.count(order.messagesBeforePurchase),
        linkedAt: when(order.linkedAt),
      },
    };
  };

  return (
    <Section
      title={t("analytics.orders.title")}
      hint={t("analytics.orders.hint")}
      testId="orders-section"
      aside={
        <a
          href={view.exportHref}
          className="inline-flex items-center gap-2 rounded-md border border-border bg-card px-3 py-2 text-sm hover:bg-muted"
          data-testid="orders-export"
        >
          <Download aria-hidden className="h-4 w-4" />
          {t("analytics.orders.export")}
        </a>
      }
    >
      <div className="flex flex-wrap items-end gap-3">
        <SearchBox label={t("analytics.orders.search")} />
        <FilterSelect
          param="paid"
          label={t("analytics.orders.filter.paid")}
          allLabel={t("dataTable.all")}
          options={(["paid", "unpaid"] as const).map((value) => ({
            value,
            label: t(`analytics.orders.filter.paid.${value}`),
          }))}
        />
        <FilterSelect
          param="linked"
          label={t("analytics.orders.filter.linked")}
          allLabel={t("dataTable.all")}
          options={(["linked", "unlinked"] as const).map((value) => ({
            value,
            label: t(`analytics.orders.filter.linked.${value}`),
          }))}
        />
        {view.chips.length > 0 && (
          <div className="flex flex-wrap items-center gap-2 text-sm" aria-label={t("analytics.orders.filters")}>
            {view.chips.map((chip) => (
              <Link
                key={chip.param}
                href={listHref("/analytics", view.current, { [chip.param]: null })}
                scroll={false}
                className="inline-flex items-center gap-1 rounded-full bg-muted px-3 py-1 hover:bg-border"
                title={t("analytics.orders.removeFilter")}
                data-testid={`filter-chip-${chip.param}`}
              >
                {chip.label}: {chip.param === "status" ? gcStatusLabel(t, chip.value) : chip.value}
                <X aria-hidden className="h-3.5 w-3.5" />
              </Link>
            ))}
          </div>
        )}
      </div>
      <DataTable
        testId="orders-table"
        columns={columns(t)}
        rows={page.data.map(row)}
        rowCount={page.count}
        page={page.page}
        pageSize={page.pageSize}
        sort={{ id: view.sort, desc: view.dir === "desc" }}
        labels={dataTableLabels(t)}
      />
    </Section>
  );
}
