import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { dataTableLabels } from "@/components/data-table/labels";
import type { DataTableColumn, DataTableRow } from "@/components/data-table/types";
import { listHref } from "@/components/data-table/url";
import { ExternalLink } from "@/components/links/external-link";
import { RowActionButton } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { ReasonForm } from "@/components/ui/reason-form";
import { TabLink } from "@/components/ui/tab-link";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { errorCodeLabel, messengerLabel } from "@/lib/i18n/codes";
import type { Translate } from "@/lib/i18n/messages";
import { titledBy } from "@/lib/i18n/metadata";
import { getTranslator } from "@/lib/i18n/server";
import { getMatchingSetting } from "@/lib/matching/setting";
import { deepLinks } from "@/lib/queries/deep-links";
import {
  type DecidedSuggestion,
  decidedSuggestion,
  listSuggestions,
  SUGGESTION_VIEWS,
  type SuggestionRow,
  suggestionsQuerySchema,
} from "@/lib/queries/suggestions";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/list-query";
import { confirmSuggestionAction, dismissSuggestionAction } from "./actions";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.suggestions", "suggestions.read");

function statusBadge(row: SuggestionRow, t: Translate) {
  if (row.status === "linked") return <Badge tone="success">{t("suggestions.status.linked")}</Badge>;
  if (row.status === "failed")
    return <Badge tone="danger">{t("suggestions.status.failed", { code: errorCodeLabel(t, row.errorCode) })}</Badge>;
  if (row.status === "dismissed") return <Badge tone="neutral">{t("suggestions.status.dismissed")}</Badge>;
  if (row.status === "superseded") return <Badge tone="neutral">{t("suggestions.status.superseded")}</Badge>;
  if (row.status === "ambiguous")
    return <Badge tone="danger">{t("suggestions.status.ambiguous", { count: row.gcUsers.length })}</Badge>;
  return <Badge>{t("suggestions.status.pending")}</Badge>;
}

/**
 * The link that took a superseded suggestion's place: this client linked (to this or another
 * e-mail), or the suggested GetCourse user linked to another client.
 */
function supersededText(
  row: { sbClientId: string; linkedClientId: string | null; linkedEmail: string | null },
  t: Translate,
): string {
  const email = row.linkedEmail ?? "";
  return row.linkedClientId === row.sbClientId
    ? t("suggestions.superseded.client", { email })
    : t("suggestions.superseded.email", { email, client: row.linkedClientId ?? "" });
}

/** The answer to the decision just made: its row has left the list it was on. */
function DecidedNote({ decided, t }: { decided: DecidedSuggestion; t: Translate }) {
  const client = decided.sbClientId;
  const text =
    decided.status === "linked"
      ? t("suggestions.done.linked", { client, email: decided.email ?? "" })
      : decided.status === "failed"
        ? t("suggestions.done.failed", { client, code: errorCodeLabel(t, decided.errorCode) })
        : decided.status === "dismissed"
          ? t("suggestions.done.dismissed", { client })
          : decided.status === "superseded"
            ? t("suggestions.done.superseded", { client, link: supersededText(decided, t) })
            : null;
  if (!text) return null;
  return (
    <p
      role="status"
      className="rounded-md border border-border bg-muted px-3 py-2 text-sm"
      data-testid="suggestion-decided"
    >
      {text}
    </p>
  );
}

function RowActions({ row, t, back }: { row: SuggestionRow; t: Translate; back: string }) {
  if (row.status !== "pending" && row.status !== "ambiguous") {
    return (
      <span className="block text-xs text-muted-foreground" data-testid="suggestion-decision">
        {row.status === "superseded"
          ? supersededText(row, t)
          : row.decidedBy === "auto"
            ? t("suggestions.decided.auto")
            : row.decidedBy}
        {row.dismissReason && (
          <span className="block">{t("suggestions.decided.reason", { reason: row.dismissReason })}</span>
        )}
      </span>
    );
  }
  return (
    <div className="flex max-w-xs flex-col gap-2">
      {row.status === "pending" && (
        <RowActionButton
          action={confirmSuggestionAction}
          id={row.id}
          label={t("suggestions.action.confirm")}
          variant="default"
          fields={{ back }}
          testId="confirm-form"
        />
      )}
      <ReasonForm
        action={dismissSuggestionAction}
        id={row.id}
        label={t("suggestions.dismiss.reason")}
        placeholder={t("suggestions.dismiss.placeholder")}
        submit={t("suggestions.action.dismiss")}
        fields={{ back }}
        testId="dismiss-form"
      />
    </div>
  );
}

// GET /suggestions?view=pending|ambiguous|decided&kind=&page=&pageSize=&sort=&dir= – matches waiting for staff.
export default async function SuggestionsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("suggestions.read");
  const raw = await searchParams;
  const query = parseSearchParams(suggestionsQuerySchema, raw);
  const decidedId = typeof raw.decided === "string" ? raw.decided : undefined;
  const [{ t, format }, result, setting, decided] = await Promise.all([
    getTranslator(),
    listSuggestions(query),
    getMatchingSetting(),
    decidedSuggestion(decidedId),
  ]);
  const links = deepLinks();
  const canDecide = can(user, "suggestions.decide");
  const showCards = can(user, "customers.read");
  // The list's own query, without the last decision's note (actions come back to it with a new one).
  const search = new URLSearchParams(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && k !== "decided" ? [[k, v]] : [])),
  ).toString();

  const columns: DataTableColumn[] = [
    {
      id: "createdAt",
      header: t("suggestions.column.found"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap",
    },
    { id: "client", header: t("suggestions.column.client") },
    { id: "match", header: t("suggestions.column.match") },
    { id: "getcourse", header: t("suggestions.column.getcourse") },
    { id: "status", header: t("suggestions.column.status") },
    ...(canDecide || query.view === "decided" ? [{ id: "actions", header: t("suggestions.column.actions") }] : []),
  ];
  const rows: DataTableRow[] = result.rows.map((row) => {
    const name = row.clientName ?? t("links.noName");
    return {
      id: row.id,
      cells: {
        createdAt: format.dateTime(row.createdAt),
        client: (
          <span className="text-sm">
            {showCards ? (
              <Link href={`/customers/${encodeURIComponent(row.customerId)}`} className="hover:underline">
                {name}
              </Link>
            ) : (
              name
            )}
            <span className="block text-xs text-muted-foreground">
              <ExternalLink href={links.salebotDialog(row.projectId, row.sbClientId)}>
                {t("code.client", { client: row.sbClientId })}
              </ExternalLink>
              {row.messenger && ` · ${messengerLabel(t, row.messenger)}`}
            </span>
          </span>
        ),
        match: (
          <span className="text-sm" data-testid="suggestion-match">
            <span className="font-mono">{row.value}</span>
            <span className="block text-xs text-muted-foreground">{t(`suggestions.origin.${row.origin}`)}</span>
          </span>
        ),
        getcourse: (
          <span className="flex flex-col gap-1 text-sm">
            {row.gcUsers.map((gc) => {
              const card = links.gcUserCard(gc.gcUserId);
              return (
                <span key={gc.gcUserId}>
                  {gc.email}{" "}
                  <span className="text-xs text-muted-foreground">
                    {card ? <ExternalLink href={card}>{gc.gcUserId}</ExternalLink> : gc.gcUserId}
                  </span>
                </span>
              );
            })}
          </span>
        ),
        status: statusBadge(row, t),
        actions: canDecide || query.view === "decided" ? <RowActions row={row} t={t} back={search} /> : null,
      },
    };
  });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("suggestions.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("suggestions.subtitle")}</p>
        <p className="mt-1 text-sm text-muted-foreground" data-testid="suggestions-auto">
          {t(setting.autoLinkPhone ? "suggestions.auto.on" : "suggestions.auto.off")}
        </p>
      </div>

      {decided && <DecidedNote decided={decided} t={t} />}

      <nav className="flex gap-2 border-b border-border" aria-label="view">
        {SUGGESTION_VIEWS.map((view) => (
          <TabLink
            key={view}
            href={listHref("/suggestions", search, { view: view === "pending" ? null : view, page: null })}
            current={query.view === view}
          >
            {t(`suggestions.tab.${view}`)}
          </TabLink>
        ))}
      </nav>

      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          param="kind"
          label={t("suggestions.filter.kind")}
          allLabel={t("dataTable.all")}
          options={(["phone", "email"] as const).map((value) => ({ value, label: t(`suggestions.kind.${value}`) }))}
        />
      </div>

      <DataTable
        columns={columns}
        rows={rows}
        rowCount={result.total}
        page={result.page}
        pageSize={result.pageSize}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        labels={{ ...dataTableLabels(t), empty: t(`suggestions.empty.${query.view}`) }}
        testId="suggestions-table"
        stackOnPhone
      />
    </div>
  );
}
