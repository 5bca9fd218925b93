import { guards } from "@/lib/auth/tokens";
import { csvFileName, csvHeaders, csvSeparator } from "@/lib/csv";
import { route } from "@/lib/http";
import { linkExportQuerySchema } from "@/lib/queries/links";
import { streamLinksCsv } from "@/lib/queries/links-export";

export const dynamic = "force-dynamic";

// GET /api/export/links.csv?q=&source=&period=&status=&sort=&dir=&sep=semicolon – the links list as CSV (session or read token).
export const GET = route({ name: "GET /api/export/links.csv", auth: guards.sessionOrReadToken("links.read"), query: linkExportQuerySchema }, ({ query }) => {
  return new Response(streamLinksCsv(query, csvSeparator(query.sep)), { headers: csvHeaders(csvFileName("links")) });
});
