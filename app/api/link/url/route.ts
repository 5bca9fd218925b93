import { z } from "zod";
import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";
import { connectUrl, linkSigningSecret, publicBaseUrl } from "@/lib/linking/connect-link";
import { linkRequestSchema } from "@/lib/linking/schemas";
import { createSignedLink } from "@/lib/linking/signed-link";

export const dynamic = "force-dynamic";

// The ids are read exactly as POST /api/link reads them.
const { sb_id, telegram_id } = linkRequestSchema.in.shape;
const querySchema = z.object({ sb_id, telegram_id });

// GET /api/link/url – a Salebot block asks for the customer's personal link to the e-mail form.
export const GET = route(
  { name: "GET /api/link/url", auth: guards.linkToken, query: querySchema },
  ({ query, request }) => {
    const token = createSignedLink(
      { sbClientId: query.sb_id, telegramId: query.telegram_id },
      { secret: linkSigningSecret(), now: new Date() },
    );
    return { url: connectUrl(publicBaseUrl(request), token) };
  },
);
