import { guards } from "@/lib/auth/tokens";
import { acceptSalebotWebhook } from "@/lib/events/salebot-webhook";
import { readLimitedBody, route } from "@/lib/http";
import { MAX_BODY_BYTES } from "@/lib/http-node";

export const dynamic = "force-dynamic";

// POST /api/webhooks/salebot – Salebot's project webhook (link token). 200 once stored durably.
// In production the hub's own server answers this path before Next (scripts/server.ts); this
// route serves `next dev` and anyone running Next directly.
export const POST = route({ name: "POST /api/webhooks/salebot", auth: guards.linkToken }, async ({ request }) =>
  acceptSalebotWebhook(new TextDecoder().decode(await readLimitedBody(request, MAX_BODY_BYTES))),
);
