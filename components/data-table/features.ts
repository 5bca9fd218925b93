import { rowPaginationFeature, rowSortingFeature, tableFeatures } from "@tanstack/react-table";

// Only the state slices the server owns; no client row models (manual mode: rows arrive sorted and paged).
export const dataTableFeatures = tableFeatures({ rowPaginationFeature, rowSortingFeature });
export type DataTableFeatures = typeof dataTableFeatures;
