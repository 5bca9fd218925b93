"use client";

import type { ReactTable, RowData } from "@tanstack/react-table";
import Link from "next/link";
import { Select } from "@/components/ui/input";
import { interpolate } from "@/lib/i18n/interpolate";
import { PAGE_SIZE_OPTIONS } from "@/lib/schemas/list-query";
import type { DataTableFeatures } from "./features";
import type { DataTableLabels } from "./types";
import type { ParamChanges } from "./url";

const linkClass = "rounded-md border border-border bg-card px-3 py-1.5 hover:bg-muted";
const disabledClass = "rounded-md border border-border px-3 py-1.5 opacity-40";

/** Previous/next are links (shareable, work before hydration); the page size writes the URL. */
export function DataTablePagination<TData extends RowData>({
  table,
  rowCount,
  rowCountCapped,
  labels,
  hrefFor,
}: {
  table: ReactTable<DataTableFeatures, TData>;
  rowCount: number;
  rowCountCapped: boolean;
  labels: DataTableLabels;
  hrefFor: (changes: ParamChanges) => string;
}) {
  const { pageIndex, pageSize } = table.state.pagination;
  const pages = Math.max(1, table.getPageCount());
  const number = new Intl.NumberFormat(labels.languageTag);
  const total = interpolate(
    rowCountCapped ? labels.totalAtLeast : labels.total,
    { total: rowCount },
    labels.languageTag,
  );
  const pageOf = interpolate(
    labels.pageOf,
    { page: pageIndex + 1, pages: rowCountCapped ? `${number.format(pages)}+` : pages },
    labels.languageTag,
  );
  return (
    <div
      className="flex flex-wrap items-center justify-between gap-3 text-sm text-muted-foreground"
      data-testid="data-table-pagination"
    >
      <span>
        <span data-testid="data-table-total">{total}</span>
        {rowCountCapped && (
          <span data-testid="data-table-capped-hint">{` (${interpolate(labels.cappedHint, { total: rowCount }, labels.languageTag)})`}</span>
        )}
      </span>
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-2">
          {labels.pageSize}
          <Select
            value={String(pageSize)}
            onChange={(event) => table.setPageSize(Number(event.target.value))}
            className="h-8"
            data-testid="data-table-page-size"
          >
            {PAGE_SIZE_OPTIONS.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </Select>
        </label>
        {table.getCanPreviousPage() ? (
          <Link
            href={hrefFor({ page: pageIndex })}
            scroll={false}
            className={linkClass}
            rel="prev"
            data-testid="data-table-prev"
          >
            {labels.previous}
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled>
            {labels.previous}
          </span>
        )}
        <span data-testid="data-table-page">{pageOf}</span>
        {table.getCanNextPage() ? (
          <Link
            href={hrefFor({ page: pageIndex + 2 })}
            scroll={false}
            className={linkClass}
            rel="next"
            data-testid="data-table-next"
          >
            {labels.next}
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled>
            {labels.next}
          </span>
        )}
      </div>
    </div>
  );
}
