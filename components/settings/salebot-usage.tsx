import { type Action, ActionForm } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import type { Formats } from "@/lib/i18n/format";
import type { Translate } from "@/lib/i18n/messages";
import type { SalebotUsage } from "@/lib/salebot-quota/usage";
import { PlainTableHead } from "@/components/ui/plain-table-head";

const num = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** Settings card: Salebot API calls per UTC day, and the switch for the first-sight get_variables fetch. */
export function SalebotUsageCard({
  projectId,
  usage,
  fetchOnFirstSight,
  lastWeekGetVariables,
  save,
  t,
  formats,
}: {
  projectId: string | null;
  usage: SalebotUsage | null;
  fetchOnFirstSight: boolean;
  lastWeekGetVariables: number;
  save: Action;
  t: Translate;
  formats: Formats;
}) {
  return (
    <Card className="space-y-4" data-testid="salebot-usage">
      <h2 className="text-lg font-medium">{t("sbUsage.title")}</h2>
      <p className="text-xs text-muted-foreground">{t("sbUsage.note")}</p>
      {projectId === null || usage === null ? (
        <p className="text-sm">{t("sbUsage.notConfigured")}</p>
      ) : (
        <div className="overflow-x-auto">
          <p className="text-sm">
            {t("sbUsage.project")}: <code>{projectId}</code>
          </p>
          <table className="w-full max-w-xl text-sm" data-testid="salebot-usage-table">
            <PlainTableHead
              cell="px-3 py-2"
              columns={[t("sbUsage.day"), { right: t("sbUsage.calls") }, { right: t("sbUsage.getVariables") }]}
            />
            <tbody>
              {usage.days.map((day) => (
                <tr key={day.day} className="border-b border-border" data-day={day.day}>
                  <td className="px-3 py-2 whitespace-nowrap">{formats.day(day.day)}</td>
                  <td className={num} data-metric="calls">
                    {day.calls}
                  </td>
                  <td className={num} data-metric="get_variables">
                    {day.getVariables}
                  </td>
                </tr>
              ))}
              <tr className="font-medium">
                <td className="px-3 py-2">{t("sbUsage.total")}</td>
                <td className={num} data-metric="total">
                  {usage.total}
                </td>
                <td className={num} data-metric="get_variables_total">
                  {usage.getVariablesTotal}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
      )}
      <ActionForm action={save} className="flex flex-col gap-2" testId="salebot-variables-form">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="fetchOnFirstSight" defaultChecked={fetchOnFirstSight} />
          {t("sbUsage.fetch.label")}
        </label>
        <p className="text-xs text-muted-foreground" data-testid="salebot-variables-cost">
          {t("sbUsage.fetch.note", { count: lastWeekGetVariables })}
        </p>
        <div>
          <Button type="submit">{t("settings.save")}</Button>
        </div>
      </ActionForm>
    </Card>
  );
}
