import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";
import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

// GET /api/health – liveness and database reachability, for monitoring (public)
export const GET = route({ name: "GET /api/health", auth: guards.public }, async () => {
  const db = await checkDatabase();
  return Response.json({ status: db === "ok" ? "ok" : "error", db }, { status: db === "ok" ? 200 : 503 });
});
