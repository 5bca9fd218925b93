import type pg from "pg";
import { analyticsPool } from "@/lib/analytics/pool";
import { type CsvSeparator, csvStream } from "@/lib/csv";
import { Prisma } from "@/lib/generated/prisma/client";
import { LINK_SELECT, type LinkFilter, type LinkRow, linkOrderBy, linkSource, linkWhere, toLinkRow } from "./links";

const BATCH = 2_000;

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

/**
 * Every link the page's filter selects, in the page's order, read through a server-side cursor on
 * the reporting pool (not the webhooks' connections), so a million rows hold one batch in memory.
 */
export function streamLinksCsv(filter: LinkFilter, separator: CsvSeparator = ","): ReadableStream<Uint8Array> {
  let client: pg.PoolClient | null = null;
  const open = async (): Promise<pg.PoolClient> => {
    const connection = await analyticsPool().connect();
    try {
      await connection.query("BEGIN READ ONLY");
      const statement = Prisma.sql`DECLARE links_export NO SCROLL CURSOR FOR
        SELECT ${LINK_SELECT} FROM ${linkSource(filter)} WHERE ${linkWhere(filter)} ORDER BY ${linkOrderBy(filter)}`;
      await connection.query(statement.text, statement.values);
      return connection;
    } catch (error) {
      await connection.query("ROLLBACK").catch(() => {});
      connection.release();
      throw error;
    }
  };
  return csvStream<LinkRow>({
    header: COLUMNS.map(([name]) => name),
    row: (row) => COLUMNS.map(([, read]) => read(row)),
    separator,
    next: async () => {
      client ??= await open();
      const { rows } = await client.query<Omit<LinkRow, "customerId">>(`FETCH ${BATCH} FROM links_export`);
      return rows.map(toLinkRow);
    },
    close: async (ok) => {
      const held = client;
      client = null;
      if (!held) return;
      await held.query(ok ? "COMMIT" : "ROLLBACK").catch(() => {});
      held.release();
    },
  });
}
