import type { ReactNode } from "react";

/**
 * The shared server-paged table's inputs. Everything here crosses the server → client boundary,
 * so it is plain data plus ReactNode cells rendered by the server page (links, badges, dates in the
 * viewer's locale): a page needs no client file of its own to show a table.
 */
export type DataTableColumn = {
  /** The cell key in each row, and the `sort` URL value when sortable. */
  id: string;
  header: string;
  sortable?: boolean;
  /** Dates and counts read best newest/largest first. */
  sortDescFirst?: boolean;
  /** Extra classes for this column's th and td (width, alignment, nowrap). */
  className?: string;
};

export type DataTableRow = { id: string; cells: Record<string, ReactNode> };

/** The sort the server applied (from the URL, or the default when the URL has none). */
export type DataTableSort = { id: string; desc: boolean };

export type DataTableLabels = {
  empty: string;
  previous: string;
  next: string;
  /** "{page}" and "{pages}" are replaced. */
  pageOf: string;
  /** "{total}" is replaced. */
  total: string;
  /** "{total}" is replaced; shown when the count stopped at a cap. */
  totalAtLeast: string;
  /** Shown beside a capped total: why paging stops there. `{total}` is the cap. */
  cappedHint: string;
  pageSize: string;
  /** How numbers in these labels are written ("ru-RU"). */
  languageTag: string;
};

export type FilterOption = { value: string; label: string };
