import type { ReactNode } from "react";
import type { GroupBy } from "@/lib/analytics";
import type { Translate } from "@/lib/i18n/messages";
import { GroupLabel } from "./group-label";
import { headClass, tableClass, tdClass, thClass } from "./section";

export type GroupedColumn = { label: string; numeric?: boolean };

/**
 * The table under a report's chart: one row per group (its name linked to the orders filtered to
 * it), the figures `cells` renders, and a total row when the report is grouped.
 */
export function GroupedTable<Figures>({
  t,
  groupBy,
  columns,
  rows,
  labelOf,
  total,
  cells,
  groupHref,
  testId,
  totalTestId,
  attributes,
}: {
  t: Translate;
  /** "none" for an ungrouped report: its one row is the total. */
  groupBy: GroupBy;
  columns: GroupedColumn[];
  rows: (Figures & { key: string | null })[];
  /** A group's shown name (a campaign's name for its id); the value itself otherwise. */
  labelOf?: (key: string | null) => string;
  total: Figures;
  cells: (figures: Figures) => ReactNode;
  groupHref: (key: string | null) => string | null;
  testId: string;
  totalTestId?: string;
  /** data-* attributes on the table, for tests and scripts. */
  attributes?: Record<`data-${string}`, string>;
}) {
  const grouped = groupBy !== "none";
  return (
    <div className="overflow-x-auto">
      <table className={tableClass} data-testid={testId} {...attributes}>
        <thead className={headClass}>
          <tr>
            <th className={thClass}>{grouped ? t(`analytics.groupBy.${groupBy}`) : ""}</th>
            {columns.map((column) => (
              <th key={column.label} className={column.numeric ? `${thClass} text-right` : thClass}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key ?? ""} className="border-b border-border last:border-0" data-key={row.key ?? ""}>
              <td className={tdClass}>
                <GroupLabel
                  t={t}
                  groupKey={row.key}
                  label={labelOf?.(row.key)}
                  total={!grouped}
                  href={groupHref(row.key)}
                />
              </td>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        {grouped && (
          <tfoot className="border-t border-border font-medium">
            <tr data-testid={totalTestId}>
              <td className={tdClass}>
                <GroupLabel t={t} groupKey={null} total />
              </td>
              {cells(total)}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
