import { isValidElement, type ReactNode } from "react";
import { cn } from "@/lib/utils";

/** A column heading; `{ right }` for a column of numbers, `false` to leave a column out. */
export type HeadColumn = ReactNode | { right: ReactNode };

function isRight(column: HeadColumn): column is { right: ReactNode } {
  return typeof column === "object" && column !== null && !isValidElement(column) && "right" in column;
}

/**
 * The header row of the dashboard's plain tables: the short, unpaged ones that do not need
 * components/data-table (users, campaigns, audit, relink changes, a customer's history).
 */
export function PlainTableHead({ columns, cell = "px-4 py-2" }: { columns: readonly HeadColumn[]; cell?: string }) {
  return (
    <thead className="border-b border-border text-left text-muted-foreground">
      <tr>
        {columns
          .filter((column) => column !== false && column !== null && column !== undefined)
          .map((column, index) =>
            isRight(column) ? (
              <th key={index} className={cn(cell, "text-right font-medium")}>
                {column.right}
              </th>
            ) : (
              <th key={index} className={cn(cell, "font-medium")}>
                {column}
              </th>
            ),
          )}
      </tr>
    </thead>
  );
}
