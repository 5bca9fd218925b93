import type { Translate } from "@/lib/i18n/messages";
import type { DataTableLabels } from "./types";

/** The table's own strings in the viewer's language, for server pages to pass down. */
export function dataTableLabels(t: Translate): DataTableLabels {
  return {
    empty: t("dataTable.empty"),
    previous: t("dataTable.previous"),
    next: t("dataTable.next"),
    pageOf: t("dataTable.pageOf"),
    total: t("dataTable.total"),
    totalAtLeast: t("dataTable.totalAtLeast"),
    cappedHint: t("dataTable.cappedHint"),
    pageSize: t("dataTable.pageSize"),
    languageTag: t("locale.tag"),
  };
}
