import { getEnv } from "@/lib/env";
import { type CsvSeparator, type CsvValue, csvStream } from "@/lib/csv/write";
import {
  ORDER_COLUMNS,
  orderBy,
  ORDERS_FROM,
  type OrdersFilter,
  type OrdersQuery,
  ordersQuerySchema,
  ordersWhere,
} from "./orders-query";
import { resolvePeriod } from "@/lib/analytics/period";
import { analyticsPool } from "@/lib/analytics/pool";
import { ensureAnalyticsFresh } from "@/lib/analytics/refresh";
import { cursorBatches } from "./export-cursor";

/**
 * The orders table: GetCourse orders placed within the period (dates in the school's time zone),
 * each with the dialog facts of the Salebot client it is attributed to: first message, bot,
 * first-touch source, link date and how many messages the client had exchanged before the
 * purchase (before payment for paid orders, before ordering otherwise).
 */
export type OrderRow = {
  dealId: string;
  dealNumber: string | null;
  email: string | null;
  gcUserId: string | null;
  status: string | null;
  paid: boolean;
  costAmount: number | null;
  paidAmount: number | null;
  currency: string;
  offer: string | null;
  orderUtmSource: string | null;
  orderedAt: string;
  paidAt: string | null;
  sbProjectId: string | null;
  sbClientId: string | null;
  firstMessageAt: string | null;
  bot: string | null;
  messenger: string | null;
  startParam: string | null;
  source: string | null;
  linkedAt: string | null;
  messagesBeforePurchase: number | null;
};

export type Page<T> = { data: T[]; count: number; page: number; pageSize: number };

type OrderRecord = {
  deal_id: string;
  deal_number: string | null;
  email: string | null;
  gc_user_id: string | null;
  status: string | null;
  paid: boolean;
  cost_amount: string | null;
  paid_amount: string | null;
  currency: string;
  offer: string | null;
  order_utm_source: string | null;
  ordered_at: string;
  paid_at: string | null;
  sb_project_id: string | null;
  sb_client_id: string | null;
  first_message_at: string | null;
  bot: string | null;
  messenger: string | null;
  start_param: string | null;
  utm_source: string | null;
  linked_at: string | null;
  messages_before_purchase: number | null;
};

const MESSAGES_BEFORE = `CASE WHEN w.client_id IS NULL THEN NULL ELSE (
    SELECT count(*)::int FROM salebot_messages m
    WHERE m.project_id = w.project_id AND m.client_id = w.client_id AND m.received_at < coalesce(o.paid_at, o.ordered_at)
  ) END AS messages_before_purchase`;

/** `timestamp` columns hold UTC; `timeFormat` renders them (ISO for JSON, local text for CSV). */
function selectSql(timeFormat: "iso" | "local", tzParam: string): string {
  const time = (column: string) =>
    timeFormat === "iso"
      ? `to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `to_char((${column} AT TIME ZONE 'UTC') AT TIME ZONE ${tzParam}::text, 'YYYY-MM-DD HH24:MI:SS')`;
  return ORDER_COLUMNS.replace(
    /\b([ow])\.(ordered_at|paid_at|first_message_at|linked_at)\b/g,
    (_m, table: string, column: string) => `${time(`${table}.${column}`)} AS ${column}`,
  );
}

const orEmpty = (value: string | null) => (value === null || value === "" ? null : value);
const amount = (value: string | null) => (value === null ? null : Number(value));

function rowOf(r: OrderRecord): OrderRow {
  return {
    dealId: r.deal_id,
    dealNumber: r.deal_number,
    email: r.email,
    gcUserId: r.gc_user_id,
    status: r.status,
    paid: r.paid,
    costAmount: amount(r.cost_amount),
    paidAmount: amount(r.paid_amount),
    currency: r.currency,
    offer: r.offer,
    orderUtmSource: r.order_utm_source,
    orderedAt: r.ordered_at,
    paidAt: r.paid_at,
    sbProjectId: r.sb_project_id,
    sbClientId: r.sb_client_id,
    firstMessageAt: r.first_message_at,
    bot: orEmpty(r.bot),
    messenger: orEmpty(r.messenger),
    startParam: orEmpty(r.start_param),
    source: orEmpty(r.utm_source),
    linkedAt: r.linked_at,
    messagesBeforePurchase: r.messages_before_purchase,
  };
}

function prepare(query: OrdersQuery | OrdersFilter) {
  const filter = ordersQuerySchema.parse(query);
  const timeZone = getEnv().TIME_ZONE;
  const period = resolvePeriod(filter, timeZone);
  return { filter, period, timeZone, ...ordersWhere(filter, period, timeZone) };
}

/** One page of the orders table, sorted and filtered on the server; `count` is the filtered total. */
export async function getOrdersPage(query: OrdersQuery = {}): Promise<Page<OrderRow> & { from: string; to: string }> {
  const { filter, period, where, values, needsClient } = prepare(query);
  await ensureAnalyticsFresh();
  const pool = analyticsPool();
  // Counting needs the client joins only when a filter reads them.
  const countFrom = needsClient ? ORDERS_FROM : "gc_orders o";
  const offset = (filter.page - 1) * filter.pageSize;
  const sortsByClient = filter.sort === "firstMessageAt" || filter.sort === "linkedAt";
  // Pick the page's ids first, joining the client facts only when a filter or the sort reads
  // them; the facts, names and message counts are then looked up for those few rows alone.
  const [page, count] = await Promise.all([
    pool.query<OrderRecord>(
      `WITH page AS (
         SELECT o.id FROM ${needsClient || sortsByClient ? ORDERS_FROM : "gc_orders o"}
         WHERE ${where}
         ORDER BY ${orderBy(filter, true)}
         LIMIT ${filter.pageSize} OFFSET ${offset}
       )
       SELECT ${selectSql("iso", "$3")}, ${MESSAGES_BEFORE}
       FROM page JOIN ${ORDERS_FROM.replace("gc_orders o", "gc_orders o ON o.id = page.id")}
       ORDER BY ${orderBy(filter, true)}`,
      values,
    ),
    pool.query<{ count: number }>(`SELECT count(*)::int AS count FROM ${countFrom} WHERE ${where}`, values),
  ]);
  return {
    from: period.from,
    to: period.to,
    data: page.rows.map(rowOf),
    count: count.rows[0]?.count ?? 0,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}

/** CSV columns: header name and how to read it from a row. */
const CSV_COLUMNS: ReadonlyArray<[string, (row: OrderRow) => CsvValue]> = [
  ["deal_id", (r) => r.dealId],
  ["deal_number", (r) => r.dealNumber],
  ["email", (r) => r.email],
  ["gc_user_id", (r) => r.gcUserId],
  ["status", (r) => r.status],
  ["paid", (r) => (r.paid ? "yes" : "no")],
  ["cost_amount", (r) => r.costAmount],
  ["paid_amount", (r) => r.paidAmount],
  ["currency", (r) => r.currency],
  ["offer", (r) => r.offer],
  ["ordered_at", (r) => r.orderedAt],
  ["paid_at", (r) => r.paidAt],
  ["order_utm_source", (r) => r.orderUtmSource],
  ["salebot_project_id", (r) => r.sbProjectId],
  ["salebot_client_id", (r) => r.sbClientId],
  ["first_message_at", (r) => r.firstMessageAt],
  ["bot", (r) => r.bot],
  ["messenger", (r) => r.messenger],
  ["start_param", (r) => r.startParam],
  ["source", (r) => r.source],
  ["linked_at", (r) => r.linkedAt],
  ["messages_before_purchase", (r) => r.messagesBeforePurchase],
];

/**
 * Every order the filter selects (paging ignored), as CSV. Times are in the school's time zone.
 * Excel opens UTF-8 only after a byte-order mark: downloads ask for one, scripts need not.
 */
export function streamOrdersCsv(
  query: OrdersQuery = {},
  options: { separator?: CsvSeparator; bom?: boolean } = {},
): ReadableStream<Uint8Array> {
  // Parsed now, so a bad filter throws to the caller instead of failing the download midway.
  const { filter, where, values } = prepare(query);
  const sql = `SELECT ${selectSql("local", "$3")}, ${MESSAGES_BEFORE} FROM ${ORDERS_FROM} WHERE ${where} ORDER BY ${orderBy(filter, true)}`;
  async function* batches(): AsyncGenerator<OrderRecord[]> {
    await ensureAnalyticsFresh();
    yield* cursorBatches<OrderRecord>(sql, values);
  }
  return csvStream(batches(), {
    header: CSV_COLUMNS.map(([name]) => name),
    row: (record) => {
      const row = rowOf(record);
      return CSV_COLUMNS.map(([, read]) => read(row));
    },
    separator: options.separator,
    bom: options.bom ?? false,
  });
}
