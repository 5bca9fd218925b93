// The formatters live in lib/i18n/format.ts for every page; kept so analytics imports stay valid.
export { type Formats, formatsFor } from "@/lib/i18n/format";

/** `part` as a share of `whole`; null when there is nothing to divide by (shown as "—", not 0 %). */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Replaces `{name}` placeholders in a translated message; prefer `t(key, vars)`. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
