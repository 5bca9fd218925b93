import type pg from "pg";
import { analyticsPool } from "@/lib/analytics/pool";

/**
 * The rows of one export query in batches, read through a server-side cursor inside a read-only
 * transaction on the reporting pool (not the webhooks' connections), so a million-row export holds
 * one batch in memory. The connection is taken on the first read and given back when the rows
 * end, when the reader stops early (`return()`), or when a read fails.
 */
export async function* cursorBatches<R extends pg.QueryResultRow>(
  sql: string,
  values: readonly unknown[],
  batchSize = 2_000,
): AsyncGenerator<R[]> {
  const client = await analyticsPool().connect();
  // A connection dropped mid-export fails the next FETCH; it must not also crash the process.
  const ignoreDrop = () => {};
  client.on("error", ignoreDrop);
  let ok = false;
  try {
    await client.query("BEGIN READ ONLY");
    await client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, [...values]);
    for (;;) {
      const { rows } = await client.query<R>(`FETCH ${batchSize} FROM export_rows`);
      if (rows.length > 0) yield rows;
      if (rows.length < batchSize) break;
    }
    ok = true;
  } finally {
    await client.query(ok ? "COMMIT" : "ROLLBACK").catch(() => {});
    client.off("error", ignoreDrop);
    client.release();
  }
}
