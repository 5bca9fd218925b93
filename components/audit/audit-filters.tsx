import Link from "next/link";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { Translate } from "@/lib/i18n/messages";
import type { AuditQuery } from "@/lib/queries/audit";

/** A plain GET form: the filters live in the URL, and it works without JavaScript. */
export function AuditFilters({
  query,
  actors,
  actions,
  t,
}: {
  query: AuditQuery;
  actors: string[];
  actions: { value: string; label: string }[];
  t: Translate;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" data-testid="audit-filters">
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
        {t("audit.filter.actor")}
        <Select name="actor" defaultValue={query.actor ?? ""} className="max-w-full">
          <option value="">{t("audit.filter.any")}</option>
          {actors.map((actor) => (
            <option key={actor} value={actor}>
              {actor === "system" ? t("audit.system") : actor}
            </option>
          ))}
        </Select>
      </label>
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
        {t("audit.filter.action")}
        <Select name="action" defaultValue={query.action ?? ""} className="max-w-full">
          <option value="">{t("audit.filter.any")}</option>
          {actions.map((action) => (
            <option key={action.value} value={action.value}>
              {action.label}
            </option>
          ))}
        </Select>
      </label>
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
        {t("audit.filter.from")}
        <Input type="date" name="from" defaultValue={query.from ?? ""} />
      </label>
      <label className="flex min-w-0 max-w-full flex-col gap-1 text-sm">
        {t("audit.filter.to")}
        <Input type="date" name="to" defaultValue={query.to ?? ""} />
      </label>
      <Button type="submit">{t("audit.filter.apply")}</Button>
      <Link href="/audit" className="px-2 py-2 text-sm text-muted-foreground hover:underline">
        {t("audit.filter.reset")}
      </Link>
    </form>
  );
}
