/**
 * Formatting the way GetCourse shows values to people: account-local time (Moscow by default,
 * GetCourse's own zone) and Russian money. Used by exports and «Вызвать URL» placeholders.
 */
export const MOSCOW_OFFSET_MINUTES = 180;

const pad = (value: number) => String(value).padStart(2, "0");

/** PHP-style date format (`Y-m-d H:i:s`), the form process placeholders take (doc §6.1). */
export function formatPhpDate(date: Date, format: string, offsetMinutes: number): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  const parts: Record<string, string> = {
    Y: String(local.getUTCFullYear()),
    m: pad(local.getUTCMonth() + 1),
    d: pad(local.getUTCDate()),
    H: pad(local.getUTCHours()),
    i: pad(local.getUTCMinutes()),
    s: pad(local.getUTCSeconds()),
  };
  return format.replace(/[YmdHis]/g, (letter) => parts[letter] ?? letter);
}

export const formatLocalDateTime = (date: Date, offsetMinutes: number) =>
  formatPhpDate(date, "Y-m-d H:i:s", offsetMinutes);
export const formatLocalDate = (date: Date, offsetMinutes: number) => formatPhpDate(date, "Y-m-d", offsetMinutes);

function groupThousands(integer: number): string {
  return String(integer).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
}

/** Export cells: `12 000,00` (doc §4.2). */
export function formatExportMoney(amount: number): string {
  const [integer = "0", fraction = "00"] = amount.toFixed(2).split(".");
  return `${groupThousands(Number(integer))},${fraction}`;
}

/** `{object.cost_money}`-style text: `14 900 руб.` (fraction only when there is one). */
export function formatCallbackMoney(amount: number, currency: string): string {
  const unit = currency === "RUB" ? "руб." : currency;
  const integer = Math.trunc(amount);
  const fraction = Math.round((amount - integer) * 100);
  return `${groupThousands(integer)}${fraction ? `,${pad(fraction)}` : ""} ${unit}`;
}

/** Plain number as GetCourse prints `cost_money_value`: no grouping, dot decimals only if needed. */
export const formatPlainMoney = (amount: number) => (Number.isInteger(amount) ? String(amount) : amount.toFixed(2));
