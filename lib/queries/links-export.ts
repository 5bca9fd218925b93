import { type CsvSeparator, csvStream } from "@/lib/csv/write";
import { Prisma } from "@/lib/generated/prisma/client";
import { cursorBatches } from "./export-cursor";
import { LINK_SELECT, type LinkFilter, type LinkRow, linkOrderBy, linkSource, linkWhere, toLinkRow } from "./links";

const COLUMNS: [string, (row: LinkRow) => string | Date | boolean | null][] = [
  ["email", (r) => r.email],
  ["telegram_id", (r) => r.telegramId],
  ["salebot_project_id", (r) => r.projectId],
  ["salebot_client_id", (r) => r.sbClientId],
  ["client_name", (r) => r.name],
  ["gc_user_id", (r) => r.gcUserId],
  ["linked_at", (r) => r.linkedAt],
  ["source", (r) => r.source],
  ["salebot_pending", (r) => r.salebotPending],
];

/** Every link the page's filter selects, in the page's order. */
export function streamLinksCsv(filter: LinkFilter, separator: CsvSeparator = ","): ReadableStream<Uint8Array> {
  const statement = Prisma.sql`SELECT ${LINK_SELECT} FROM ${linkSource(filter)} WHERE ${linkWhere(filter)} ORDER BY ${linkOrderBy(filter)}`;
  return csvStream(cursorBatches<Omit<LinkRow, "customerId">>(statement.text, statement.values), {
    header: COLUMNS.map(([name]) => name),
    row: (raw) => {
      const row = toLinkRow(raw);
      return COLUMNS.map(([, read]) => read(row));
    },
    separator,
  });
}
