import { guards } from "@/lib/auth/tokens";
import { route } from "@/lib/http";
import { issueStartLink, startLinkQuerySchema } from "@/lib/linking/start-link/issue";

export const dynamic = "force-dynamic";

// GET /api/link/start-link – a GetCourse process or a script asks for a user's personal bot start link.
export const GET = route(
  { name: "GET /api/link/start-link", auth: guards.linkToken, query: startLinkQuerySchema },
  ({ query }) => issueStartLink(query),
);
