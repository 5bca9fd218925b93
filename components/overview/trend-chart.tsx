"use client";

import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatsFor } from "@/lib/i18n/format";
import { languageTag, type Locale } from "@/lib/i18n/messages";

export type TrendPoint = { day: string; value: number };

/**
 * One series per day as small bars. Decorative for screen readers (aria-hidden): the
 * overview prints the same numbers in a table beside it. Day labels are "DD.MM" in both languages.
 */
export function TrendChart({
  data,
  valueName,
  locale,
  currency,
  testId,
}: {
  data: TrendPoint[];
  valueName: string;
  locale: Locale;
  currency?: string;
  testId?: string;
}) {
  const formats = formatsFor(locale);
  const value = (amount: number) => (currency ? formats.moneyTotal(amount, currency) : formats.count(amount));
  const compact = new Intl.NumberFormat(languageTag(locale), { notation: "compact", maximumFractionDigits: 1 });
  const shortDay = (day: unknown) => (typeof day === "string" ? `${day.slice(8, 10)}.${day.slice(5, 7)}` : "");
  return (
    <div aria-hidden data-testid={testId} className="w-full">
      <BarChart
        responsive
        style={{ width: "100%", height: 140 }}
        data={data}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis dataKey="day" tickFormatter={shortDay} fontSize={11} interval="preserveStartEnd" minTickGap={24} />
        <YAxis
          tickFormatter={(value: number) => compact.format(value)}
          fontSize={11}
          width={56}
          allowDecimals={false}
        />
        <Tooltip
          labelFormatter={shortDay}
          formatter={(amount) => [typeof amount === "number" ? value(amount) : String(amount ?? ""), valueName]}
        />
        <Bar
          dataKey="value"
          name={valueName}
          fill="var(--color-primary, #2563eb)"
          radius={[2, 2, 0, 0]}
          isAnimationActive={false}
        />
      </BarChart>
    </div>
  );
}
