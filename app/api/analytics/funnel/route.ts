import { z } from "zod";
import { getFunnel } from "@/lib/analytics/funnel";
import { API_GROUP_BYS } from "@/lib/analytics/dimensions";
import { checkPeriod, periodFields } from "@/lib/analytics/period";
import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

const querySchema = z
  .object({ ...periodFields, groupBy: z.enum(API_GROUP_BYS).default("none") })
  .superRefine(checkPeriod);

// GET /api/analytics/funnel – the funnel for BI tools and scripts (read token) and the signed-in page (session); DESIGN.md, outside contract.
export const GET = route(
  {
    name: "GET /api/analytics/funnel",
    auth: guards.sessionOrReadToken("analytics.read"),
    query: querySchema,
  },
  ({ query }) => getFunnel(query),
);
