import { z } from "zod";
import { guards } from "@/lib/auth/tokens";
import { csvFileName, csvHeaders, csvSeparator, csvStream } from "@/lib/csv";
import { route } from "@/lib/http";
import { type FailureRow, failuresForExport, failuresQuerySchema } from "@/lib/queries/failures";

const HEADER = ["created_at", "error_code", "status", "email", "telegram_id", "salebot_project", "sb_client_id", "source", "actor", "error_detail", "request_id", "resolved_at"];

/** Rows per chunk written to the response; the query underneath reads 1,000 at a time. */
const BATCH = 500;

function status(row: FailureRow): string {
  if (row.dismissedAt) return "dismissed";
  if (row.resolvedAt) return "resolved";
  return row.outcome === "queued" ? "queued" : "open";
}

// GET /api/export/failures.csv – the Failures page's filters (view, code, q, from, to) as CSV.
export const GET = route(
  {
    name: "GET /api/export/failures.csv",
    auth: guards.sessionOrReadToken("failures.read"),
    // Paging and sorting are the page's; the export is every matching row, newest first.
    query: failuresQuerySchema.pick({ view: true, code: true, q: true, from: true, to: true }).extend({ sep: z.string().optional(), token: z.string().optional() }),
  },
  ({ query }) => {
    const rows = failuresForExport(query);
    const stream = csvStream<FailureRow>({
      header: HEADER,
      separator: csvSeparator(query.sep),
      row: (row) => [row.createdAt, row.errorCode, status(row), row.email, row.telegramId, row.projectId, row.sbClientId, row.source, row.actor, row.errorDetail, row.requestId, row.resolvedAt],
      next: async () => {
        const batch: FailureRow[] = [];
        while (batch.length < BATCH) {
          const next = await rows.next();
          if (next.done) break;
          batch.push(next.value);
        }
        return batch;
      },
      close: async () => {
        await rows.return(undefined);
      },
    });
    return new Response(stream, { headers: csvHeaders(csvFileName(`failures-${query.view}`)) });
  },
);
