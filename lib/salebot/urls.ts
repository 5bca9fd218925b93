export const DEFAULT_SALEBOT_API_URL = "https://chatter.salebot.pro/api";
export const SALEBOT_WEB_URL = "https://salebot.pro";

/** `{apiUrl}/{api_key}/{action}`: the key lives in the path, so this URL is a secret itself. */
export function salebotActionUrl(apiUrl: string, apiKey: string, action: string, query?: URLSearchParams): string {
  const base = apiUrl.replace(/\/+$/, "");
  const search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : "";
  return `${base}/${encodeURIComponent(apiKey)}/${action}${search}`;
}

/** The client's dialog in the Salebot web UI (doc §6: not official, but used the same way by three code bases). */
export function salebotDialogUrl(projectId: string | number, clientId: string | number): string {
  return `${SALEBOT_WEB_URL}/projects/${encodeURIComponent(String(projectId))}/clients/${encodeURIComponent(String(clientId))}`;
}
