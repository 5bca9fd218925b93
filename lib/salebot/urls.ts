export const DEFAULT_SALEBOT_API_URL = "https://chatter.salebot.pro/api";
export const SALEBOT_WEB_URL = "https://salebot.pro";

/** `{apiUrl}/{api_key}/{action}`: the key lives in the path, so this URL is a secret itself. */
export function salebotActionUrl(apiUrl: string, apiKey: string, action: string, query?: URLSearchParams): string {
  const base = apiUrl.replace(/\/+$/, "");
  const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : "";
  return `${base}/${encodeURIComponent(apiKey)}/${action}${search}`;
}

/**
 * The Salebot web UI that goes with an API address: salebot.pro for Salebot's own API; for a
 * stand-in (the demo's simulator, `npm run sim`) its own origin, which serves the dialog pages.
 */
export function salebotWebUrl(apiUrl: string | null | undefined): string {
  if (!apiUrl) return SALEBOT_WEB_URL;
  try {
    const { hostname, origin } = new URL(apiUrl);
    return hostname === "salebot.pro" || hostname.endsWith(".salebot.pro") ? SALEBOT_WEB_URL : origin;
  } catch {
    return SALEBOT_WEB_URL;
  }
}

/** The client's dialog in the Salebot web UI (doc §6: not official, but used the same way by three code bases). */
export function salebotDialogUrl(
  projectId: string | number,
  clientId: string | number,
  webUrl = SALEBOT_WEB_URL,
): string {
  return `${webUrl}/projects/${encodeURIComponent(String(projectId))}/clients/${encodeURIComponent(String(clientId))}`;
}
