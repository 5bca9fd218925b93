import { z } from "zod";
import { guards } from "@/lib/auth/tokens";
import { csvResponse, csvSeparator } from "@/lib/csv/write";
import { route } from "@/lib/http";
import { failuresQuerySchema, streamFailuresCsv } from "@/lib/queries/failures";

// GET /api/export/failures.csv – the Failures page's filters (view, code, q, from, to) as CSV.
export const GET = route(
  {
    name: "GET /api/export/failures.csv",
    auth: guards.sessionOrReadToken("failures.read"),
    // Paging and sorting are the page's; the export is every matching row, newest first.
    query: failuresQuerySchema
      .pick({ view: true, code: true, q: true, from: true, to: true })
      .extend({ sep: z.string().optional(), token: z.string().optional() }),
  },
  ({ query }) => csvResponse(streamFailuresCsv(query, csvSeparator(query.sep)), `failures-${query.view}`),
);
