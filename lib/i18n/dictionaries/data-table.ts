import { defineMessages } from "../define";

// The shared server-paged table (components/data-table).
export const dataTableMessages = defineMessages({
  ru: {
    "dataTable.empty": "Ничего не найдено.",
    "dataTable.previous": "← Назад",
    "dataTable.next": "Дальше →",
    "dataTable.pageOf": "Страница {page} из {pages}",
    "dataTable.total": "Всего: {total}",
    "dataTable.totalAtLeast": "Больше {total}",
    "dataTable.cappedHint": "листаются первые {total}: уточните поиск или фильтры",
    "dataTable.pageSize": "Строк на странице",
    "dataTable.all": "все",
  },
  en: {
    "dataTable.empty": "Nothing found.",
    "dataTable.previous": "← Previous",
    "dataTable.next": "Next →",
    "dataTable.pageOf": "Page {page} of {pages}",
    "dataTable.total": "Total: {total}",
    "dataTable.totalAtLeast": "More than {total}",
    "dataTable.cappedHint": "the first {total} can be paged through: narrow the search or filters",
    "dataTable.pageSize": "Rows per page",
    "dataTable.all": "all",
  },
});
