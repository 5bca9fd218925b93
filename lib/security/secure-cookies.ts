import type { ServerResponse } from "node:http";

/** Adds `Secure` to a Set-Cookie line that lacks it. */
export function withSecure(cookie: string): string {
  return /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`;
}

/**
 * For a request a trusted proxy says arrived over https: every cookie this answer sets gets the
 * Secure flag, whichever layer sets it (next-auth decides by APP_URL, which may say http or be
 * unset behind a TLS-terminating proxy).
 */
export function markCookiesSecure(res: ServerResponse): void {
  const secure = <T extends number | string | readonly string[]>(value: T): T =>
    (typeof value === "number" ? value : typeof value === "string" ? withSecure(value) : value.map(withSecure)) as T;
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => setHeader(name, name.toLowerCase() === "set-cookie" ? secure(value) : value);
  const appendHeader = res.appendHeader.bind(res);
  res.appendHeader = (name, value) => appendHeader(name, name.toLowerCase() === "set-cookie" ? secure(value) : value);
}
