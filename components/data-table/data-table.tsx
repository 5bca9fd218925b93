"use client";

import {
  type ColumnDef,
  functionalUpdate,
  type PaginationState,
  type SortingState,
  type Updater,
  useTable,
} from "@tanstack/react-table";
import { useMemo } from "react";
import { cn } from "@/lib/utils";
import { DataTableHeader } from "./data-table-header";
import { type DataTableFeatures, dataTableFeatures } from "./features";
import { DataTablePagination } from "./data-table-pagination";
import type { DataTableColumn, DataTableLabels, DataTableRow, DataTableSort } from "./types";
import { useListNavigation } from "./use-list-navigation";

export type DataTableProps = {
  columns: DataTableColumn[];
  rows: DataTableRow[];
  /** Rows matching the filter (all pages); with `rowCountCapped`, a lower bound. */
  rowCount: number;
  rowCountCapped?: boolean;
  page: number;
  pageSize: number;
  sort: DataTableSort | null;
  labels: DataTableLabels;
  testId?: string;
  /**
   * Below the md breakpoint each row becomes a card of labelled fields instead of a table that
   * scrolls sideways: on a phone a row's buttons would otherwise start off-screen.
   */
  stackOnPhone?: boolean;
};

// A stacked cell names its column itself: a pseudo-element, so the label is not in the cell's text.
const STACKED = {
  table: "max-md:block",
  head: "max-md:hidden",
  body: "max-md:block",
  row: "max-md:block max-md:py-2",
  cell: "max-md:block max-md:max-w-none max-md:whitespace-normal max-md:py-1 max-md:empty:hidden max-md:before:block max-md:before:text-xs max-md:before:text-muted-foreground max-md:before:content-[attr(data-label)]",
} as const;

/**
 * The shared server-paged table: TanStack Table in manual mode with pagination and sorting taken
 * from the URL (through props the server page parsed) and every change written back to the URL.
 */
export function DataTable({
  columns,
  rows,
  rowCount,
  rowCountCapped = false,
  page,
  pageSize,
  sort,
  labels,
  testId,
  stackOnPhone = false,
}: DataTableProps) {
  const { navigate, hrefFor } = useListNavigation();
  const columnDefs = useMemo<ColumnDef<DataTableFeatures, DataTableRow>[]>(
    () =>
      columns.map((column) => ({
        id: column.id,
        header: column.header,
        accessorFn: (row: DataTableRow) => row.cells[column.id],
        cell: (context) => context.row.original.cells[column.id] ?? null,
        enableSorting: column.sortable ?? false,
        sortDescFirst: column.sortDescFirst ?? false,
      })),
    [columns],
  );
  const pagination: PaginationState = { pageIndex: page - 1, pageSize };
  const sorting: SortingState = sort ? [sort] : [];

  const table = useTable({
    features: dataTableFeatures,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => row.id,
    rowCount,
    manualPagination: true,
    manualSorting: true,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { pagination, sorting },
    onPaginationChange: (updater: Updater<PaginationState>) => {
      const next = functionalUpdate(updater, pagination);
      navigate(next.pageSize !== pageSize ? { pageSize: next.pageSize } : { page: next.pageIndex + 1 });
    },
    onSortingChange: (updater: Updater<SortingState>) => {
      const [next] = functionalUpdate(updater, sorting);
      navigate(next ? { sort: next.id, dir: next.desc ? "desc" : "asc" } : { sort: null, dir: null });
    },
  });
  const classOf = new Map(columns.map((column) => [column.id, column.className]));
  const headerOf = new Map(columns.map((column) => [column.id, column.header]));
  const stacked = (part: keyof typeof STACKED) => (stackOnPhone ? STACKED[part] : undefined);

  return (
    <div className="space-y-3" data-testid={testId}>
      <div className="overflow-x-auto rounded-lg border border-border bg-card shadow-sm">
        <table className={cn("w-full text-sm", stacked("table"))}>
          <thead className={cn("border-b border-border text-left text-muted-foreground", stacked("head"))}>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <th
                    key={header.id}
                    className={cn("whitespace-nowrap px-4 py-2 font-medium", classOf.get(header.column.id))}
                    aria-sort={ariaSort(header.column.getIsSorted())}
                  >
                    {header.isPlaceholder ? null : (
                      <DataTableHeader
                        column={header.column}
                        label={String(header.column.columnDef.header ?? "")}
                        hrefFor={hrefFor}
                      />
                    )}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody className={stacked("body")}>
            {table.getRowModel().rows.map((row) => (
              <tr
                key={row.id}
                className={cn("border-b border-border align-top last:border-0", stacked("row"))}
                data-row-id={row.id}
              >
                {row.getAllCells().map((cell) => (
                  <td
                    key={cell.id}
                    className={cn("px-4 py-2", classOf.get(cell.column.id), stacked("cell"))}
                    data-label={stackOnPhone ? headerOf.get(cell.column.id) : undefined}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="px-4 py-6 text-center text-muted-foreground">
                  {labels.empty}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <DataTablePagination
        table={table}
        rowCount={rowCount}
        rowCountCapped={rowCountCapped}
        labels={labels}
        hrefFor={hrefFor}
      />
    </div>
  );
}

function ariaSort(sorted: false | "asc" | "desc"): "ascending" | "descending" | undefined {
  if (sorted === "asc") return "ascending";
  if (sorted === "desc") return "descending";
  return undefined;
}
