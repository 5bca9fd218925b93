import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

/** One block of the analytics page: a title, what the numbers mean, then chart and table. */
export function Section({
  title,
  hint,
  testId,
  children,
  aside,
}: {
  title: string;
  hint: string;
  testId: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <Card className="space-y-4" data-testid={testId}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 className="text-lg font-semibold tracking-tight">{title}</h2>
          <p className="max-w-3xl text-sm text-muted-foreground">{hint}</p>
        </div>
        {aside}
      </div>
      {children}
    </Card>
  );
}

export const tableClass = "w-full text-sm";
export const headClass = "border-b border-border text-left text-muted-foreground";
export const thClass = "px-3 py-2 font-medium";
export const tdClass = "px-3 py-2";
export const numClass = "px-3 py-2 text-right tabular-nums whitespace-nowrap";

/** A count cell with its raw number in data-value (and its figure in data-metric) for tests and scripts. */
export function CountCell({
  value,
  count,
  data,
}: {
  value: number;
  count: (value: number) => string;
  data?: Record<`data-${string}`, string>;
}) {
  return (
    <td className={numClass} data-value={value} {...data}>
      {count(value)}
    </td>
  );
}
