import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { type AuditChange, type AuditFact, auditActionLabel, auditView } from "@/lib/i18n/audit-text";
import type { FieldWriteText } from "@/lib/i18n/field-change-text";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { type AuditQuery, auditQuerySchema, listAudit } from "@/lib/queries/audit";
import { titledBy } from "@/lib/i18n/metadata";
import { PlainTableHead } from "@/components/ui/plain-table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.audit", "audit.read");

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pageHref(query: AuditQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ["actor", "action", "from", "to"] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  if (page > 1) params.set("page", String(page));
  const search = params.toString();
  return search ? `/audit?${search}` : "/audit";
}

function FieldLabel({ field, label }: { field: string; label: string | null }) {
  return <>{label ?? <code>{field}</code>}</>;
}

/** What the entry names without changing it, as "label: value" pairs. */
function Facts({ facts }: { facts: AuditFact[] }) {
  if (facts.length === 0) return null;
  return (
    <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5 text-xs" data-testid="audit-facts">
      {facts.map((fact) => (
        <div key={fact.field} className="flex min-w-0 gap-1">
          <dt className="text-muted-foreground">
            <FieldLabel field={fact.field} label={fact.label} />:
          </dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Before and after: three columns from sm up, one line a change on a phone ("field: before →
 * after"), where three columns of e-mails would break them letter by letter.
 */
function ChangeTable({ changes, t }: { changes: AuditChange[]; t: Translate }) {
  if (changes.length === 0) return null;
  return (
    <div
      className="mt-2 space-y-0.5 text-xs sm:grid sm:grid-cols-[max-content_minmax(0,max-content)_minmax(0,1fr)] sm:gap-x-3 sm:space-y-0"
      data-testid="audit-change"
    >
      <span className="hidden font-medium text-muted-foreground sm:block">{t("audit.change.field")}</span>
      <span className="hidden font-medium text-muted-foreground sm:block">{t("audit.change.before")}</span>
      <span className="hidden font-medium text-muted-foreground sm:block">{t("audit.change.after")}</span>
      {changes.map((change) => (
        <div key={change.field} className="sm:contents">
          <span className="text-muted-foreground">
            <FieldLabel field={change.field} label={change.label} />
            <span className="sm:hidden">: </span>
          </span>
          <span>{change.before}</span>
          <span className="sm:hidden"> → </span>
          <span>{change.after}</span>
        </div>
      ))}
    </div>
  );
}

/** A relink's writes: where, whose, which field, before → after. */
function WriteTable({ writes, t }: { writes: FieldWriteText[]; t: Translate }) {
  if (writes.length === 0) return null;
  return (
    <div className="mt-2 text-xs" data-testid="audit-writes">
      <p className="font-medium text-muted-foreground">{t("audit.writes")}</p>
      <ul className="mt-1 space-y-0.5">
        {writes.map((write) => (
          <li key={`${write.system}:${write.who}:${write.field}`}>
            <span className="text-muted-foreground">
              {write.system} · {write.who} · {write.field}:
            </span>{" "}
            {write.before} → {write.after}
          </li>
        ))}
      </ul>
    </div>
  );
}

// GET /audit?actor=&action=&from=&to=&page= – admins: who did what and when.
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("audit.read");
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const query = auditQuerySchema.parse(raw);
  const [{ t, format }, result] = await Promise.all([getTranslator(), listAudit(query)]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("audit.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("audit.subtitle")}</p>
      </div>
      <AuditFilters
        query={query}
        actors={result.actors}
        actions={result.actions.map((action) => ({ value: action, label: auditActionLabel(t, action) }))}
        t={t}
      />
      <Card className="overflow-x-auto p-0">
        {result.rows.length === 0 ? (
          <p className="p-5 text-sm text-muted-foreground">{t("audit.empty")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="audit-table">
            <PlainTableHead columns={[t("audit.column.time"), t("audit.column.what")]} />
            <tbody>
              {result.rows.map((row) => {
                const view = auditView(t, format, row);
                return (
                  <tr key={row.id} className="border-b border-border align-top last:border-0">
                    {/* On a phone the time wraps after its date, leaving the width to what happened. */}
                    <td className="w-28 px-4 py-2 sm:w-auto sm:whitespace-nowrap">
                      {format.dateTimeSeconds(row.createdAt)}
                    </td>
                    {/* Anywhere, not break-words: a long e-mail must not widen the table past a phone. */}
                    <td className="px-4 py-2 wrap-anywhere">
                      <p data-testid="audit-sentence">{view.sentence}</p>
                      <Facts facts={view.facts} />
                      <ChangeTable changes={view.changes} t={t} />
                      <WriteTable writes={view.writes} t={t} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Card>
      <div className="flex flex-wrap items-center justify-between gap-2 text-sm text-muted-foreground">
        <span>{t("audit.total", { total: result.total })}</span>
        <div className="flex items-center gap-4">
          {query.page > 1 && <Link href={pageHref(query, query.page - 1)}>{t("audit.prev")}</Link>}
          <span>{t("audit.page", { page: query.page, pages })}</span>
          {query.page < pages && <Link href={pageHref(query, query.page + 1)}>{t("audit.next")}</Link>}
        </div>
      </div>
    </div>
  );
}
