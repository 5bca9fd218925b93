import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";
import { metrics } from "@/lib/observability/metrics";

export const dynamic = "force-dynamic";

// GET /api/metrics – Prometheus text exposition (read token, or a session with metrics.read)
export const GET = route({ name: "GET /api/metrics", auth: guards.sessionOrReadToken("metrics.read") }, async () => {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "content-type": registry.contentType } });
});
