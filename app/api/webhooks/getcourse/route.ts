import { z } from "zod";
import { guards } from "@/lib/auth/tokens";
import { acceptGetCourseCall } from "@/lib/events/getcourse-webhook";
import { rawBody, route } from "@/lib/http";

export const dynamic = "force-dynamic";

// GET|POST /api/webhooks/getcourse – a GetCourse process «Вызвать URL» (query, form or JSON) or a
// Tech API deal webhook (JSON, maybe wrapped as {"json": …}); its own token (GETCOURSE_WEBHOOK_TOKEN).
// 200 once committed, whatever the shape: the body comes raw, so even one that is no JSON or form is
// kept for an admin, not refused.
const query = z.record(z.string(), z.string());
const body = rawBody;

export const GET = route(
  { name: "GET /api/webhooks/getcourse", auth: guards.getcourseWebhookToken, query, body },
  ({ query, body, requestId }) => acceptGetCourseCall({ query, body, requestId }),
);

export const POST = route(
  { name: "POST /api/webhooks/getcourse", auth: guards.getcourseWebhookToken, query, body },
  ({ query, body, requestId }) => acceptGetCourseCall({ query, body, requestId }),
);
