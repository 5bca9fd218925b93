/**
 * Fills a message's placeholders: `{name}` takes vars.name, and
 * `{count, plural, one {# заказ} few {# заказа} many {# заказов} other {# заказа}}` picks the
 * form Intl.PluralRules names for the number (`#` is the number, formatted for the locale), so
 * "42 оплаченных заказа" never reads "42 оплаченных заказов". A placeholder without a value stays
 * as it is, which shows a missing variable instead of hiding it.
 */
export type MessageVars = Record<string, string | number>;

const PLURAL = /\{(\w+),\s*plural,((?:\s*[=\w]+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_FORM = /([=\w]+)\s*\{([^{}]*)\}/g;
const SIMPLE = /\{(\w+)\}/g;

export function interpolate(message: string, vars: MessageVars, languageTag: string): string {
  const number = new Intl.NumberFormat(languageTag);
  const rules = new Intl.PluralRules(languageTag);
  const withPlurals = message.replace(PLURAL, (whole, name: string, body: string) => {
    const value = vars[name];
    if (typeof value !== "number") return whole;
    const forms = new Map([...body.matchAll(PLURAL_FORM)].map((match) => [match[1], match[2]]));
    const form = forms.get(`=${value}`) ?? forms.get(rules.select(value)) ?? forms.get("other") ?? "";
    return form.replaceAll("#", number.format(value));
  });
  return withPlurals.replace(SIMPLE, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? number.format(value) : value;
  });
}
