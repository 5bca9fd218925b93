/**
 * Postgres cannot store U+0000 in text or jsonb, and jsonb refuses a lone UTF-16 surrogate
 * (`"\ud800"`): both fail the insert with an error the caller would see as a 500. Neither carries
 * meaning in a name, an e-mail or an order field, so outside input is cleaned before it is stored:
 * NULs dropped, lone surrogates replaced by U+FFFD (what a UTF-8 encoder writes for them anyway).
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function postgresSafeText(text: string): string {
  return text.replace(UNSTORABLE, (match) => (match === "\u0000" ? "" : "\ufffd"));
}

/** The same for every string (keys too) in a JSON value; depth is bounded by lib/json-depth.ts. */
export function postgresSafeJson<T>(value: T): T {
  if (typeof value === "string") return postgresSafeText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => postgresSafeJson(item)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[postgresSafeText(key)] = postgresSafeJson(item);
    return out as T;
  }
  return value;
}
