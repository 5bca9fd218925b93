import { guards } from "@/lib/auth/tokens";
import { csvResponse, csvSeparator } from "@/lib/csv/write";
import { route } from "@/lib/http";
import { linkExportQuerySchema } from "@/lib/queries/links";
import { streamLinksCsv } from "@/lib/queries/links-export";

export const dynamic = "force-dynamic";

// GET /api/export/links.csv?q=&source=&period=&status=&sort=&dir=&sep=semicolon – the links list as CSV (session or read token).
export const GET = route(
  { name: "GET /api/export/links.csv", auth: guards.sessionOrReadToken("links.read"), query: linkExportQuerySchema },
  ({ query }) => {
    return csvResponse(streamLinksCsv(query, csvSeparator(query.sep)), "links");
  },
);
