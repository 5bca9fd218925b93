import { guards } from "@/lib/auth/tokens";
import { csvResponse, csvSeparator } from "@/lib/csv/write";
import { route } from "@/lib/http";
import { streamOrdersCsv } from "@/lib/queries/orders";
import { ordersQuerySchema } from "@/lib/queries/orders-query";

export const dynamic = "force-dynamic";

// GET /api/export/orders.csv?from=&to=&paid=&linked=&bot=&…&q=&sort=&dir=&sep=semicolon – the analytics orders table as CSV, every page (session or read token).
export const GET = route(
  { name: "GET /api/export/orders.csv", auth: guards.sessionOrReadToken("analytics.read"), query: ordersQuerySchema },
  ({ request, query }) => {
    // `sep` is not a filter, so the shared orders schema does not carry it.
    const separator = csvSeparator(new URL(request.url).searchParams.get("sep"));
    return csvResponse(streamOrdersCsv(query, { separator, bom: true }), "orders");
  },
);
