/**
 * Secrets travel in URLs (`/{api_key}/action`, `?key=`, `token=`) and headers; every log line about
 * an outbound call goes through here first.
 */
const SECRET_QUERY_KEYS = /([?&](?:key|token|api_key|access_token|secret)=)[^&#]*/gi;

export function redactUrl(url: string, secrets: readonly string[] = []): string {
  return redactText(url.replace(SECRET_QUERY_KEYS, "$1***"), secrets);
}

export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("***");
  }
  return out;
}
