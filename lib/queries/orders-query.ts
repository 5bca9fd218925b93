import { z } from "zod";
import { checkPeriod, periodFields } from "@/lib/analytics/period";

/**
 * The orders table's filters, sorting and paging, as query parameters (the page and the CSV
 * export read the same ones). Sort keys map to fixed column names here; input never reaches SQL.
 */
export const ORDER_SORTS = {
  orderedAt: "ordered_at",
  paidAt: "paid_at",
  paidAmount: "paid_amount",
  costAmount: "cost_amount",
  email: "email",
  status: "status",
  firstMessageAt: "first_message_at",
  linkedAt: "linked_at",
} as const;
export type OrderSort = keyof typeof ORDER_SORTS;

const text = z.string().trim().min(1).max(200).optional();
const SORT_KEYS = Object.keys(ORDER_SORTS) as [OrderSort, ...OrderSort[]];

export const ordersQuerySchema = z
  .object({
    ...periodFields,
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(500).default(50),
    sort: z.enum(SORT_KEYS).default("orderedAt"),
    dir: z.enum(["asc", "desc"]).default("desc"),
    paid: z.enum(["all", "paid", "unpaid"]).default("all"),
    linked: z.enum(["all", "linked", "unlinked"]).default("all"),
    status: text,
    currency: text,
    bot: text,
    messenger: text,
    startParam: text,
    /** The client's first-touch source. */
    utmSource: text,
    /** Part of an e-mail, or a deal id / number. */
    q: text,
  })
  .superRefine(checkPeriod);

export type OrdersQuery = z.input<typeof ordersQuerySchema>;
export type OrdersFilter = z.output<typeof ordersQuerySchema>;

/** WHERE clause and its values for a filter; `$1`/`$2` are the local dates, `$3` the time zone. */
export function ordersWhere(
  filter: OrdersFilter,
  period: { from: string; to: string },
  timeZone: string,
): { where: string; values: unknown[]; needsClient: boolean } {
  const values: unknown[] = [period.from, period.to, timeZone];
  const clauses = [
    // Local midnight of `from` up to local midnight after `to`, as the UTC timestamps we store.
    "o.ordered_at >= (($1::date)::timestamp AT TIME ZONE $3::text) AT TIME ZONE 'UTC'",
    "o.ordered_at < (($2::date + 1)::timestamp AT TIME ZONE $3::text) AT TIME ZONE 'UTC'",
  ];
  const add = (sql: (n: string) => string, value: unknown) => {
    values.push(value);
    clauses.push(sql(`$${values.length}`));
  };
  if (filter.paid !== "all") clauses.push(filter.paid === "paid" ? "o.paid" : "NOT o.paid");
  if (filter.status) add((n) => `o.status = ${n}`, filter.status);
  if (filter.currency) add((n) => `o.currency = ${n}`, filter.currency.toUpperCase());
  let needsClient = false;
  const client = (sql: (n: string) => string, value: string | undefined) => {
    if (value === undefined) return;
    needsClient = true;
    add(sql, value);
  };
  client((n) => `w.bot = ${n}`, filter.bot);
  client((n) => `w.messenger = ${n}`, filter.messenger);
  client((n) => `w.start_param = ${n}`, filter.startParam);
  client((n) => `w.utm_source = ${n}`, filter.utmSource);
  if (filter.linked !== "all") {
    needsClient = true;
    clauses.push(filter.linked === "linked" ? "w.client_id IS NOT NULL" : "w.client_id IS NULL");
  }
  if (filter.q) {
    const escaped = filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    values.push(`%${escaped}%`, filter.q);
    const like = `$${values.length - 1}`;
    const exact = `$${values.length}`;
    clauses.push(`(o.email LIKE ${like} OR o.deal_id = ${exact} OR o.deal_number = ${exact})`);
  }
  return { where: clauses.join("\n  AND "), values, needsClient };
}

/**
 * Orders with the client their revenue is attributed to (none when nobody linked is known). The
 * owner row carries that client's dialog facts, so no join reaches the 1M-row client facts.
 */
export const ORDERS_FROM = `gc_orders o
LEFT JOIN analytics_order_owners w ON w.order_id = o.id`;

/**
 * The selected columns; times as ISO UTC, amounts as text, so nothing depends on the process's
 * own time zone or float rounding.
 */
export const ORDER_COLUMNS = `o.id, o.deal_id, o.deal_number, o.email, o.gc_user_id, o.status, o.paid,
  o.cost_amount::text AS cost_amount, o.paid_amount::text AS paid_amount, o.currency, o.offer,
  o.utm_source AS order_utm_source,
  o.ordered_at, o.paid_at,
  w.project_id AS sb_project_id, w.client_id AS sb_client_id, w.first_message_at, w.bot, w.messenger,
  w.start_param, w.utm_source, w.linked_at`;

export function orderBy(filter: OrdersFilter, qualify: boolean): string {
  const column = ORDER_SORTS[filter.sort];
  const table = column === "first_message_at" || column === "linked_at" ? "w" : "o";
  const dir = filter.dir === "asc" ? "ASC" : "DESC";
  const id = qualify ? "o.id" : "id";
  return `${qualify ? `${table}.` : ""}${column} ${dir} NULLS LAST, ${id} ${dir}`;
}
