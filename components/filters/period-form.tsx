import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";

/**
 * A plain GET form for `from`/`to` (school days): works without JavaScript, keeps the other URL
 * state as hidden fields and, by leaving `page` out, returns to the first page.
 */
export function PeriodForm({
  from,
  to,
  keep,
  labels,
}: {
  from?: string;
  to?: string;
  keep: Record<string, string | undefined>;
  labels: { from: string; to: string; apply: string };
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" data-testid="period-form">
      {Object.entries(keep).map(([name, value]) =>
        value ? <input key={name} type="hidden" name={name} value={value} /> : null,
      )}
      <label className="flex flex-col gap-1 text-sm">
        {labels.from}
        <Input type="date" name="from" defaultValue={from ?? ""} />
      </label>
      <label className="flex flex-col gap-1 text-sm">
        {labels.to}
        <Input type="date" name="to" defaultValue={to ?? ""} />
      </label>
      <Button type="submit" variant="outline">
        {labels.apply}
      </Button>
    </form>
  );
}
