"use client";

import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";

/** One compared group as a chart series: `dataKey` names its value in each category's datum. */
export type ChartSeries = { dataKey: string; name: string; color: string };

/** One category (a funnel step, a time bucket) with a value per series. */
export type GroupedDatum = { label: string } & Record<string, number | string>;

/**
 * Groups side by side: one cluster of bars per category, one colour per group, with a legend.
 * Decorative for screen readers (aria-hidden) like the single-series chart: the table beside it
 * holds the same numbers.
 */
export function GroupedBarChart({
  data,
  series,
  height = 280,
  testId,
  locale,
}: {
  data: GroupedDatum[];
  series: ChartSeries[];
  height?: number;
  testId?: string;
  locale: string;
}) {
  const number = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 2 });
  const format = (value: unknown) => (typeof value === "number" ? number.format(value) : String(value ?? ""));
  return (
    <div aria-hidden data-testid={testId} data-series={series.map((s) => s.name).join("|")} className="w-full">
      <BarChart
        responsive
        style={{ width: "100%", height }}
        data={data}
        margin={{ top: 8, right: 16, bottom: 8, left: 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" vertical={false} />
        <XAxis dataKey="label" fontSize={12} interval={0} />
        <YAxis tickFormatter={format} fontSize={12} width={56} />
        <Tooltip formatter={(value, name) => [format(value), name]} />
        {/* In the groups' order (biggest first, "other" last), the same as the tables, not by name. */}
        <Legend
          wrapperStyle={{ fontSize: 12 }}
          itemSorter={(item) => series.findIndex((s) => s.dataKey === item.dataKey)}
        />
        {series.map((s) => (
          <Bar
            key={s.dataKey}
            dataKey={s.dataKey}
            name={s.name}
            fill={s.color}
            radius={[3, 3, 0, 0]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </div>
  );
}
