import Link from "next/link";
import { listHref } from "@/components/data-table/url";
import { PeriodForm } from "@/components/filters/period-form";
import { addDays } from "@/lib/analytics/period";
import type { Translate } from "@/lib/i18n/messages";
import { fill } from "./format";

const PRESET_DAYS = [7, 30, 90, 365] as const;

/**
 * `from`/`to` in the URL: the shared date form (works without JavaScript) plus quick links for the
 * last N days up to today in the school's time zone. Both keep the rest of the URL state.
 */
export function PeriodPicker({
  from,
  to,
  today,
  current,
  t,
}: {
  from: string;
  to: string;
  today: string;
  current: URLSearchParams;
  t: Translate;
}) {
  const keep = Object.fromEntries(
    [...current.entries()].filter(([key]) => key !== "from" && key !== "to" && key !== "page"),
  );
  return (
    <div className="flex flex-wrap items-end gap-4">
      <PeriodForm
        from={from}
        to={to}
        keep={keep}
        labels={{ from: t("analytics.period.from"), to: t("analytics.period.to"), apply: t("analytics.period.apply") }}
      />
      <div className="flex flex-col gap-1 text-sm">
        <span>{t("analytics.period.presets")}</span>
        <div className="flex gap-1">
          {PRESET_DAYS.map((days) => {
            const presetFrom = addDays(today, -(days - 1));
            const active = from === presetFrom && to === today;
            return (
              <Link
                key={days}
                href={listHref("/analytics", current, { from: presetFrom, to: today })}
                className={
                  active
                    ? "rounded-md border border-primary bg-primary px-3 py-1.5 text-primary-foreground"
                    : "rounded-md border border-border bg-card px-3 py-1.5 hover:bg-muted"
                }
                aria-current={active ? "true" : undefined}
                data-testid={`period-${days}d`}
              >
                {fill(t("analytics.period.days"), { days })}
              </Link>
            );
          })}
        </div>
      </div>
    </div>
  );
}
