/**
 * Where to go after signing in: only a path on this site, so `?next=` cannot send someone to
 * another origin (`//evil.example`, `/\evil.example`, `https://…`).
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f]/.test(next)) return "/";
  if (next === "/login" || next.startsWith("/login?") || next.startsWith("/api/")) return "/";
  return next;
}

export function loginUrl(next: string): string {
  const path = safeNextPath(next);
  return path === "/" ? "/login" : `/login?next=${encodeURIComponent(path)}`;
}

/** The request header proxy.ts sets, so a server component knows its own path for `?next=`. */
export const PATH_HEADER = "x-hub-path";
