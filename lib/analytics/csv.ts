// Moved to lib/csv.ts, shared with the links export; kept so analytics imports stay valid.
export { csvCell, csvLine, csvSeparator, type CsvSeparator, type CsvValue } from "@/lib/csv";
