import { type NextRequest, NextResponse } from "next/server";
import { PATH_HEADER } from "@/lib/auth/next-path";

/**
 * Only tells server components which page they render (for `/login?next=…`). It checks nothing:
 * every page, server action and route handler checks the session itself (lib/auth/session.ts).
 */
export function proxy(request: NextRequest) {
  // A NUL in the query reaches PostgreSQL from the list pages' filters and fails the query (500).
  if (/%00/.test(request.nextUrl.search)) {
    const clean = request.nextUrl.clone();
    clean.search = request.nextUrl.search.replace(/%00/g, "");
    return NextResponse.redirect(clean, 308);
  }
  const headers = new Headers(request.headers);
  headers.set(PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico).*)"],
};
