import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { dataTableLabels } from "@/components/data-table/labels";
import type { DataTableColumn, DataTableRow } from "@/components/data-table/types";
import { PeriodForm } from "@/components/filters/period-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ActionForm, RowActionButton } from "@/components/ui/action-form";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import type { DeliveryStatus } from "@/lib/generated/prisma/client";
import { getTranslator } from "@/lib/i18n/server";
import { DELIVERY_STATUSES, deliveriesQuerySchema, listDeliveries } from "@/lib/queries/deliveries";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/list-query";
import { deepLinks } from "@/lib/queries/deep-links";
import { retryAllDeadAction, retryDeliveryAction } from "./actions";
import { TechnicalDetail } from "@/components/ui/technical-detail";
import { eventLabel } from "@/lib/i18n/codes";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.deliveries", "deliveries.read");

const TONE: Record<DeliveryStatus, "neutral" | "success" | "danger"> = {
  pending: "neutral",
  sent: "success",
  dead: "danger",
};

// GET /deliveries?status=&from=&to=&page=&pageSize=&sort=&dir= – notifications to Salebot, with retry-now.
export default async function DeliveriesPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("deliveries.read");
  const query = parseSearchParams(deliveriesQuerySchema, await searchParams);
  const [{ locale, t, format }, result] = await Promise.all([getTranslator(), listDeliveries(query)]);
  const canRetry = can(user, "deliveries.retry");
  const links = deepLinks();
  const statusLabel = (status: DeliveryStatus) => t(`deliveries.status.${status}`);

  const columns: DataTableColumn[] = [
    {
      id: "createdAt",
      header: t("deliveries.column.created"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
    { id: "client", header: t("deliveries.column.client") },
    { id: "kind", header: t("deliveries.column.kind") },
    { id: "status", header: t("deliveries.column.status") },
    { id: "attempts", header: t("deliveries.column.attempts"), sortable: true, sortDescFirst: true },
    { id: "lastError", header: t("deliveries.column.lastError"), className: "max-w-sm" },
    { id: "nextAttemptAt", header: t("deliveries.column.next"), sortable: true, className: "whitespace-nowrap" },
    { id: "actions", header: t("deliveries.column.actions") },
  ];
  const rows: DataTableRow[] = result.rows.map((row) => ({
    id: row.id,
    cells: {
      createdAt: format.dateTime(row.createdAt),
      client: (
        <a
          href={links.salebotDialog(row.projectId, row.sbClientId)}
          target="_blank"
          rel="noreferrer"
          className="whitespace-nowrap hover:underline"
        >
          {t("code.client", { client: row.sbClientId })}
        </a>
      ),
      kind: <span className="whitespace-nowrap">{eventLabel(t, row.kind)}</span>,
      status: <Badge tone={TONE[row.status]}>{statusLabel(row.status)}</Badge>,
      attempts: `${row.attempts} / ${row.maxAttempts}`,
      lastError: <TechnicalDetail text={row.lastError} locale={locale} t={t} />,
      nextAttemptAt:
        row.status === "sent" ? (row.sentAt ? format.dateTime(row.sentAt) : "") : format.dateTime(row.nextAttemptAt),
      actions:
        canRetry && row.status !== "sent" ? (
          <RowActionButton
            action={retryDeliveryAction}
            id={row.id}
            className="flex max-w-xs flex-wrap gap-2"
            label={t("deliveries.action.retry")}
          />
        ) : null,
    },
  }));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("deliveries.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("deliveries.subtitle")}</p>
      </div>

      <Card className="flex flex-wrap items-center justify-between gap-4">
        <div className="flex flex-wrap gap-2 text-sm" data-testid="delivery-counts">
          {DELIVERY_STATUSES.map((status) => (
            <Badge key={status} tone={TONE[status]}>
              {t("deliveries.count", { status: statusLabel(status), count: result.counts[status] })}
            </Badge>
          ))}
        </div>
        {canRetry && result.counts.dead > 0 && (
          <ActionForm action={retryAllDeadAction} className="flex flex-wrap items-center gap-2" testId="retry-all-dead">
            <Button type="submit" size="sm">
              {t("deliveries.action.retryAllDead", { count: result.counts.dead })}
            </Button>
          </ActionForm>
        )}
      </Card>

      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          param="status"
          label={t("deliveries.filter.status")}
          allLabel={t("deliveries.filter.any")}
          options={DELIVERY_STATUSES.map((status) => ({ value: status, label: statusLabel(status) }))}
        />
        <PeriodForm
          from={query.from}
          to={query.to}
          keep={{ status: query.status }}
          labels={{
            from: t("deliveries.filter.from"),
            to: t("deliveries.filter.to"),
            apply: t("deliveries.filter.apply"),
          }}
        />
        <Link href="/deliveries" className="px-2 py-2 text-sm text-muted-foreground hover:underline">
          {t("deliveries.filter.reset")}
        </Link>
      </div>

      <DataTable
        columns={columns}
        rows={rows}
        rowCount={result.total}
        page={result.page}
        pageSize={result.pageSize}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        labels={dataTableLabels(t)}
        testId="deliveries-table"
      />
    </div>
  );
}
