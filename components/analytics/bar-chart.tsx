"use client";

import { Bar, BarChart as RechartsBarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";

export type BarDatum = { label: string; value: number };

/**
 * One series of bars. Decorative for screen readers (aria-hidden): every chart on the page sits
 * next to a table holding the same numbers, which is what assistive technology and tests read.
 */
export function BarChart({
  data,
  valueName,
  layout = "vertical-bars",
  height = 240,
  testId,
  locale,
}: {
  data: BarDatum[];
  valueName: string;
  layout?: "vertical-bars" | "horizontal-bars";
  height?: number;
  testId?: string;
  locale: string;
}) {
  const number = new Intl.NumberFormat(locale === "ru" ? "ru-RU" : "en-GB", { maximumFractionDigits: 2 });
  const format = (value: unknown) => (typeof value === "number" ? number.format(value) : String(value ?? ""));
  const horizontal = layout === "horizontal-bars";
  return (
    <div aria-hidden data-testid={testId} className="w-full">
      <RechartsBarChart
        responsive
        style={{ width: "100%", height }}
        data={data}
        layout={horizontal ? "vertical" : "horizontal"}
        margin={{ top: 8, right: 16, bottom: 8, left: horizontal ? 8 : 0 }}
      >
        <CartesianGrid strokeDasharray="3 3" className="stroke-border" horizontal={!horizontal} vertical={horizontal} />
        {horizontal ? (
          <>
            <XAxis type="number" tickFormatter={format} fontSize={12} />
            <YAxis type="category" dataKey="label" width={140} fontSize={12} />
          </>
        ) : (
          <>
            <XAxis dataKey="label" fontSize={12} interval={0} />
            <YAxis tickFormatter={format} fontSize={12} width={56} />
          </>
        )}
        <Tooltip formatter={(value) => [format(value), valueName]} />
        <Bar
          dataKey="value"
          name={valueName}
          fill="var(--color-primary, #2563eb)"
          radius={horizontal ? [0, 4, 4, 0] : [4, 4, 0, 0]}
          isAnimationActive={false}
        />
      </RechartsBarChart>
    </div>
  );
}
