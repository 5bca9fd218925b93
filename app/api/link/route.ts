import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";
import { linkCustomer } from "@/lib/linking/link-customer";
import { linkRequestSchema } from "@/lib/linking/schemas";

export const dynamic = "force-dynamic";

// POST /api/link – the seed's link request from a Salebot «API-запрос» block (link token).
// Business outcomes are HTTP 200 with `success`, so the bot block can branch on them.
export const POST = route(
  { name: "POST /api/link", auth: guards.linkToken, body: linkRequestSchema },
  async ({ body, requestId }) => {
    const outcome = await linkCustomer(body, { source: "bot", requestId });
    return outcome.success ? { success: true } : { success: false, error: outcome.error, message: outcome.detail };
  },
);
