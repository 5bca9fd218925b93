"use client";

import type { Column, RowData } from "@tanstack/react-table";
import { ArrowDown, ArrowUp, ArrowUpDown } from "lucide-react";
import Link from "next/link";
import type { DataTableFeatures } from "./features";
import type { ParamChanges } from "./url";

/**
 * A sortable header is a real link to the next sort (so it can be opened in a new tab and works
 * before hydration); a plain header is text.
 */
export function DataTableHeader<TData extends RowData>({
  column,
  label,
  hrefFor,
}: {
  column: Column<DataTableFeatures, TData>;
  label: string;
  hrefFor: (changes: ParamChanges) => string;
}) {
  if (!column.getCanSort()) return <>{label}</>;
  const sorted = column.getIsSorted();
  const next = column.getNextSortingOrder() || "asc";
  const Icon = sorted === "asc" ? ArrowUp : sorted === "desc" ? ArrowDown : ArrowUpDown;
  return (
    <Link
      href={hrefFor({ sort: column.id, dir: next })}
      scroll={false}
      className="inline-flex items-center gap-1 hover:text-foreground"
      data-testid={`sort-${column.id}`}
      data-sorted={sorted || undefined}
    >
      {label}
      <Icon aria-hidden className={sorted ? "h-3.5 w-3.5" : "h-3.5 w-3.5 opacity-40"} />
    </Link>
  );
}
