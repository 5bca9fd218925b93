import Link from "next/link";
import { customerId } from "@/lib/queries/links";
import { DataTable } from "@/components/data-table/data-table";
import { FilterSelect } from "@/components/data-table/filter-select";
import { dataTableLabels } from "@/components/data-table/labels";
import { SearchBox } from "@/components/data-table/search-box";
import type { DataTableColumn, DataTableRow } from "@/components/data-table/types";
import { listHref } from "@/components/data-table/url";
import { PeriodForm } from "@/components/filters/period-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TabLink } from "@/components/ui/tab-link";
import { ActionForm, RowActionButton } from "@/components/ui/action-form";
import { ReasonForm } from "@/components/ui/reason-form";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { countOpenUnreadableCalls } from "@/lib/queries/getcourse-calls";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { LINK_ERROR_CODES } from "@/lib/linking/codes";
import {
  currentFieldState,
  currentHintContext,
  type FailureFix,
  fixFor,
  fixHint,
  type HintContext,
  hintTarget,
  missingFieldOf,
} from "@/lib/linking/fix-hints";
import {
  type FailureGroup,
  type FailureRow,
  failureGroups,
  failuresQuerySchema,
  listFailures,
} from "@/lib/queries/failures";
import { parseSearchParams, type RawSearchParams } from "@/lib/schemas/list-query";
import { dismissFailureAction, retryAllAction, retryFailureAction } from "./actions";
import { Truncated } from "@/components/ui/truncated";
import { TechnicalDetail } from "@/components/ui/technical-detail";
import { csvExportHref } from "@/lib/csv/href";
import { errorCodeLabel } from "@/lib/i18n/codes";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.failures", "failures.read");

function relinkHref(row: FailureRow): string {
  const params = new URLSearchParams({ project: row.projectId });
  if (row.sbClientId) params.set("client", row.sbClientId);
  if (row.email) params.set("email", row.email);
  return `/links/relink?${params}`;
}

function statusBadge(row: FailureRow, t: Translate) {
  if (row.dismissedAt) return <Badge tone="neutral">{t("failures.status.dismissed")}</Badge>;
  if (row.resolvedAt) return <Badge tone="success">{t("failures.status.resolved")}</Badge>;
  return <Badge tone="danger">{t(row.outcome === "queued" ? "failures.status.queued" : "failures.status.open")}</Badge>;
}

type Access = { canRetry: boolean; canRelink: boolean; canSettings: boolean };

/** The hint and, where it names a Settings card, a link to that card (or who can open it). */
function FixHint({
  code,
  hints,
  t,
  canSettings,
  canRelink,
}: {
  code: string;
  hints: HintContext;
  t: Translate;
  canSettings: boolean;
  canRelink: boolean;
}) {
  const target = hintTarget(code);
  return (
    <p className="text-sm" data-testid="fix-hint">
      {fixHint(t, code, hints, { canRelink })}{" "}
      {target &&
        (canSettings ? (
          <Link href={target.href} className="font-medium underline" data-testid="fix-hint-link">
            {t(target.label)}
          </Link>
        ) : (
          <span className="text-muted-foreground">{t("failures.hint.askAdmin")}</span>
        ))}
    </p>
  );
}

/** Why there is no retry button, when there is none. */
function NoRetryNote({
  code,
  fix,
  hints,
  t,
  canRelink,
}: {
  code: string;
  fix: FailureFix;
  hints: HintContext;
  t: Translate;
  canRelink: boolean;
}) {
  const note =
    fix === "relink"
      ? t(canRelink ? "failures.group.relinkHint" : "failures.group.relinkHint.notAdmin")
      : fix === "fix_first"
        ? t("failures.group.fixFirst").replace("{field}", missingFieldOf(code, hints) ?? "")
        : t(code.startsWith("start_link_") ? "failures.group.noRetry.startLink" : "failures.group.noRetry");
  return (
    <p className="text-xs text-muted-foreground" data-testid="no-retry">
      {note}
    </p>
  );
}

function GroupCard({
  group,
  fix,
  hints,
  t,
  access,
  search,
}: {
  group: FailureGroup;
  fix: FailureFix;
  hints: HintContext;
  t: Translate;
  access: Access;
  search: string;
}) {
  return (
    <Card className="space-y-3" data-testid={`failure-group-${group.code}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold">{errorCodeLabel(t, group.code)}</h2>
        <span className="text-sm text-muted-foreground">{t("failures.group.count", { count: group.count })}</span>
      </div>
      <FixHint code={group.code} hints={hints} t={t} canSettings={access.canSettings} canRelink={access.canRelink} />
      <div className="flex flex-wrap items-center gap-2">
        <Button asChild variant="outline" size="sm">
          <Link href={listHref("/failures", search, { code: group.code, view: null })}>{t("failures.group.show")}</Link>
        </Button>
        {fix !== "retry" ? (
          <NoRetryNote code={group.code} fix={fix} hints={hints} t={t} canRelink={access.canRelink} />
        ) : (
          access.canRetry && (
            <ActionForm action={retryAllAction} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="code" value={group.code} />
              <Button type="submit" size="sm">
                {t("failures.group.retryAll", { count: group.count })}
              </Button>
            </ActionForm>
          )
        )}
      </div>
    </Card>
  );
}

function RowActions({
  row,
  fix,
  t,
  access,
}: {
  row: FailureRow;
  fix: FailureFix;
  t: Translate;
  access: Access & { canDismiss: boolean };
}) {
  if (row.resolvedAt) return null;
  return (
    <div className="flex w-36 max-w-full flex-col gap-2 max-md:w-auto">
      {fix === "relink" && access.canRelink && (
        <Button asChild size="sm" variant="outline">
          <Link href={relinkHref(row)}>{t("failures.action.relink")}</Link>
        </Button>
      )}
      {fix === "retry" && access.canRetry && (
        <RowActionButton action={retryFailureAction} id={row.id} label={t("failures.action.retry")} />
      )}
      {access.canDismiss && (
        <ReasonForm
          action={dismissFailureAction}
          id={row.id}
          label={t("failures.dismiss.reason")}
          placeholder={t("failures.dismiss.placeholder")}
          submit={t("failures.action.dismiss")}
          testId="dismiss-form"
        />
      )}
    </div>
  );
}

// GET /failures?view=open|history&code=&q=&from=&to=&page=&pageSize=&sort=&dir= – link failures by code, with fixes.
export default async function FailuresPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("failures.read");
  const raw = await searchParams;
  const query = parseSearchParams(failuresQuerySchema, raw);
  // The groups are shown on the open view only.
  const groups = query.view === "open" ? failureGroups() : Promise.resolve([]);
  const [{ locale, t, format }, openGroups, result, unreadableCalls, fieldState] = await Promise.all([
    getTranslator(),
    groups,
    listFailures(query),
    countOpenUnreadableCalls(),
    currentFieldState(),
  ]);
  const hints = currentHintContext();
  const access = {
    canRetry: can(user, "failures.retry"),
    canRelink: can(user, "links.relink"),
    canSettings: can(user, "settings.manage"),
    canDismiss: can(user, "failures.dismiss"),
  };
  const fixOf = (code: string) => fixFor(code, hints, fieldState);
  const search = new URLSearchParams(
    Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" ? [[k, v]] : [])),
  ).toString();
  const filters = {
    view: query.view === "open" ? undefined : query.view,
    code: query.code,
    q: query.q,
    from: query.from,
    to: query.to,
  };
  const csvHref = csvExportHref(
    "/api/export/failures.csv",
    new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1]))),
    locale,
  );

  // Fits 1150 px at a 1440 px window: codes and details wrap, cells are a little tighter, and a
  // row's actions stack (e2e/layout.spec.ts checks the first row's buttons are on screen). The
  // e-mail never wraps but gets room for a typical address (about 30 characters) before it is cut (wider pushes the row's actions off screen).
  const columns: DataTableColumn[] = [
    {
      id: "createdAt",
      header: t("failures.column.time"),
      sortable: true,
      sortDescFirst: true,
      className: "whitespace-nowrap px-2",
    },
    { id: "errorCode", header: t("failures.column.code"), sortable: true, className: "px-2" },
    { id: "email", header: t("failures.column.email"), sortable: true, className: "px-2" },
    { id: "client", header: t("failures.column.client"), className: "px-2" },
    { id: "source", header: t("failures.column.source"), className: "px-2" },
    { id: "detail", header: t("failures.column.detail"), className: "min-w-36 max-w-xs px-2" },
    { id: "status", header: t("failures.column.status"), className: "px-2" },
    { id: "actions", header: t("failures.column.actions"), className: "px-2" },
  ];
  const rows: DataTableRow[] = result.rows.map((row) => {
    const code = row.errorCode ?? "internal_error";
    return {
      id: row.id,
      cells: {
        createdAt: format.dateTime(row.createdAt),
        errorCode: errorCodeLabel(t, code),
        email: <Truncated text={row.email} className="max-w-[14rem]" />,
        client: (
          <span className="text-xs">
            {/* The card exists for any client with an attempt, so every row naming one opens it. */}
            {row.sbClientId && (
              <Link
                href={`/customers/${encodeURIComponent(customerId(row.projectId, row.sbClientId))}`}
                className="underline-offset-2 hover:underline"
                data-testid="failure-customer"
              >
                {t("code.client", { client: row.sbClientId })}
              </Link>
            )}
            {row.telegramId && <span className="block text-muted-foreground">Telegram {row.telegramId}</span>}
          </span>
        ),
        source: (
          <span className="text-xs">
            {t(`links.source.${row.source}`)}
            {row.actor && <span className="block break-all text-muted-foreground">{row.actor}</span>}
          </span>
        ),
        detail: (
          <span className="block text-xs text-muted-foreground" title={row.requestId}>
            <TechnicalDetail text={row.errorDetail} locale={locale} t={t} />
            {row.retryCount > 0 && (
              <span className="block" data-testid="retry-count">
                {t("failures.retries", {
                  count: row.retryCount,
                  at: row.lastRetriedAt ? format.dateTime(row.lastRetriedAt) : "",
                })}
              </span>
            )}
            {row.dismissedAt && (
              <span className="block text-foreground" data-testid="dismiss-reason">
                {t("failures.dismissed", { by: row.dismissedBy ?? "", reason: row.dismissReason ?? "" })}
              </span>
            )}
          </span>
        ),
        status: statusBadge(row, t),
        actions: <RowActions row={row} fix={fixOf(code)} t={t} access={access} />,
      },
    };
  });

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">{t("failures.title")}</h1>
          <p className="text-sm text-muted-foreground">{t("failures.subtitle")}</p>
        </div>
        <Button asChild variant="outline" size="sm">
          <a href={csvHref} data-testid="failures-csv">
            {t("failures.action.csv")}
          </a>
        </Button>
      </div>

      <nav className="flex gap-2 border-b border-border" aria-label="view">
        {(["open", "history"] as const).map((view) => (
          <TabLink
            key={view}
            href={listHref("/failures", search, { view: view === "open" ? null : view })}
            current={query.view === view}
          >
            {t(view === "open" ? "failures.tab.open" : "failures.tab.history")}
          </TabLink>
        ))}
        <TabLink href="/failures/getcourse" current={false} testId="failures-tab-getcourse">
          {t("failures.tab.getcourse")}
          {unreadableCalls > 0 && ` (${unreadableCalls})`}
        </TabLink>
      </nav>

      {query.view === "open" &&
        (openGroups.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("failures.groups.empty")}</p>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2" data-testid="failure-groups">
            {(query.code ? openGroups.filter((group) => group.code === query.code) : openGroups).map((group) => (
              <GroupCard
                key={group.code}
                group={group}
                fix={fixOf(group.code)}
                hints={hints}
                t={t}
                access={access}
                search={search}
              />
            ))}
          </div>
        ))}

      <div className="flex flex-wrap items-end gap-3">
        <FilterSelect
          param="code"
          label={t("failures.filter.code")}
          allLabel={t("failures.filter.any")}
          options={LINK_ERROR_CODES.map((code) => ({ value: code, label: errorCodeLabel(t, code) }))}
        />
        <SearchBox label={t("failures.filter.search")} />
        <PeriodForm
          from={query.from}
          to={query.to}
          keep={filters}
          labels={{ from: t("failures.filter.from"), to: t("failures.filter.to"), apply: t("failures.filter.apply") }}
        />
        <Link
          href={query.view === "open" ? "/failures" : "/failures?view=history"}
          className="px-2 py-2 text-sm text-muted-foreground hover:underline"
        >
          {t("failures.filter.reset")}
        </Link>
      </div>

      {query.code && query.view === "history" && (
        <FixHint code={query.code} hints={hints} t={t} canSettings={access.canSettings} canRelink={access.canRelink} />
      )}

      <DataTable
        columns={columns}
        rows={rows}
        rowCount={result.total}
        page={result.page}
        pageSize={result.pageSize}
        sort={{ id: query.sort, desc: query.dir === "desc" }}
        labels={dataTableLabels(t)}
        testId="failures-table"
        stackOnPhone
      />
    </div>
  );
}
