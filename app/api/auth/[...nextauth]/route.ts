import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ nextauth: string[] }> };

// GET, POST /api/auth/* – next-auth's own endpoints (csrf, sign-in callback, sign-out, session);
// public by nature: they are how a session is obtained. Throttling is in the credentials check.
async function handler(request: NextRequest, context: Context): Promise<Response> {
  const handle = NextAuth(getAuthOptions()) as (request: NextRequest, context: Context) => Promise<Response>;
  return handle(request, context);
}

export { handler as GET, handler as POST };
