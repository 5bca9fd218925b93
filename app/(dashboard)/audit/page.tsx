import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { Card } from "@/components/ui/card";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { getTranslator } from "@/lib/i18n/server";
import { type AuditQuery, auditQuerySchema, listAudit } from "@/lib/queries/audit";

export const dynamic = "force-dynamic";

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

function change(before: unknown, after: unknown): string {
  const show = (value: unknown) => (value === null || value === undefined ? "" : JSON.stringify(value));
  return [show(before), show(after)].filter(Boolean).join(" → ");
}

// GET /audit?actor=&action=&from=&to=&page= – admins: who did what and when.
export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePageUser("audit.read");
  const raw = Object.fromEntries(Object.entries(await searchParams).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  const query = auditQuerySchema.parse(raw);
  const [{ locale, t }, result] = await Promise.all([getTranslator(), listAudit(query)]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const dateTime = new Intl.DateTimeFormat(locale === "ru" ? "ru-RU" : "en-GB", { dateStyle: "short", timeStyle: "medium", timeZone: getEnv().TIME_ZONE });

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("audit.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("audit.subtitle")}</p>
      </div>
      <AuditFilters query={query} actors={result.actors} actions={result.actions} t={t} />
      <Card className="overflow-x-auto p-0">
        {result.rows.length === 0 ? (
          <p className="p-5 text-sm text-muted-foreground">{t("audit.empty")}</p>
        ) : (
          <table className="w-full text-sm" data-testid="audit-table">
            <thead className="border-b border-border text-left text-muted-foreground">
              <tr>
                <th className="px-4 py-2 font-medium">{t("audit.column.time")}</th>
                <th className="px-4 py-2 font-medium">{t("audit.column.actor")}</th>
                <th className="px-4 py-2 font-medium">{t("audit.column.action")}</th>
                <th className="px-4 py-2 font-medium">{t("audit.column.target")}</th>
                <th className="px-4 py-2 font-medium">{t("audit.column.change")}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id} className="border-b border-border align-top last:border-0">
                  <td className="whitespace-nowrap px-4 py-2">{dateTime.format(row.createdAt)}</td>
                  <td className="px-4 py-2">{row.actorEmail ?? t("audit.system")}</td>
                  <td className="px-4 py-2 font-mono text-xs">{row.action}</td>
                  <td className="px-4 py-2 font-mono text-xs">{row.target}</td>
                  <td className="max-w-md break-all px-4 py-2 font-mono text-xs text-muted-foreground">{change(row.before, row.after)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <div className="flex items-center justify-between text-sm text-muted-foreground">
        <span>{t("audit.total").replace("{total}", String(result.total))}</span>
        <div className="flex items-center gap-4">
          {query.page > 1 && <Link href={pageHref(query, query.page - 1)}>{t("audit.prev")}</Link>}
          <span>{t("audit.page").replace("{page}", String(query.page)).replace("{pages}", String(pages))}</span>
          {query.page < pages && <Link href={pageHref(query, query.page + 1)}>{t("audit.next")}</Link>}
        </div>
      </div>
    </div>
  );
}
