import { DIMENSION_FANOUT_SQL } from "./dimensions";

/**
 * The SQL that turns source rows (salebot_clients, links, gc_orders) into the analytics rollup.
 * One text serves the full rebuild ("all" clients) and the incremental refresh ("scoped": only
 * the clients listed in the temp table analytics_scope), so both compute exactly the same facts.
 *
 * The join rule (DESIGN.md): an order belongs to a client through the client's link, by GC user
 * id, or by e-mail when the order has no user id. The two halves exclude each other, so a
 * (client, order) pair appears once however many keys match.
 */
export type Scope = "all" | "scoped";

const scopeClients = (scope: Scope) =>
  scope === "all"
    ? "(SELECT * FROM salebot_clients WHERE first_message_at IS NOT NULL)"
    : `(SELECT c.* FROM salebot_clients c JOIN analytics_scope s ON s.project_id = c.project_id AND s.client_id = c.client_id
        WHERE c.first_message_at IS NOT NULL)`;

/** Every (client, order) pair of the clients in scope. */
export const pairsSql = (scope: Scope) => `
CREATE TEMP TABLE analytics_pairs ON COMMIT DROP AS
SELECT c.project_id, c.client_id, o.id AS order_id
FROM ${scopeClients(scope)} c
JOIN links l ON l.project_id = c.project_id AND l.sb_client_id = c.client_id
JOIN gc_orders o ON o.gc_user_id = l.gc_user_id
UNION ALL
SELECT c.project_id, c.client_id, o.id
FROM ${scopeClients(scope)} c
JOIN links l ON l.project_id = c.project_id AND l.sb_client_id = c.client_id
JOIN gc_orders o ON o.gc_user_id IS NULL AND o.email = l.email`;

/**
 * Which one client each order's revenue counts for, so an order is counted once even when one
 * GC user is linked to clients of several Salebot projects: the client with the earliest first
 * message (first touch). The full rebuild already holds every candidate in analytics_pairs; a
 * scoped refresh looks the candidates up, since some may lie outside its scope.
 */
export const ownersSql = (scope: Scope) => `
CREATE TEMP TABLE analytics_owners ON COMMIT DROP AS
SELECT DISTINCT ON (x.order_id) x.order_id, x.project_id, x.client_id
FROM (${
  scope === "all"
    ? "SELECT order_id, project_id, client_id FROM analytics_pairs"
    : `SELECT o.id AS order_id, l.project_id, l.sb_client_id AS client_id
       FROM gc_orders o JOIN links l ON l.gc_user_id = o.gc_user_id
       WHERE o.id IN (SELECT order_id FROM analytics_pairs)
       UNION ALL
       SELECT o.id, l.project_id, l.sb_client_id
       FROM gc_orders o JOIN links l ON o.gc_user_id IS NULL AND l.email = o.email
       WHERE o.id IN (SELECT order_id FROM analytics_pairs)`
}) x
JOIN salebot_clients c ON c.project_id = x.project_id AND c.client_id = x.client_id AND c.first_message_at IS NOT NULL
ORDER BY x.order_id, c.first_message_at, x.project_id, x.client_id`;

/**
 * Keeps the attribution for the orders page, with the owner's dialog facts copied beside it so the
 * orders table never joins the client facts. Runs after the facts of the clients in scope were
 * inserted; an owner outside the scope keeps its current facts row, which nothing has changed.
 */
export const SAVE_OWNERS_SQL = `
INSERT INTO analytics_order_owners AS t (order_id, project_id, client_id, first_message_at, bot, messenger, start_param, utm_source, linked_at)
SELECT w.order_id, w.project_id, w.client_id, f.first_message_at, f.bot, f.messenger, f.start_param, f.utm_source, f.linked_at
FROM analytics_owners w
JOIN analytics_client_facts f ON f.project_id = w.project_id AND f.client_id = w.client_id
ON CONFLICT (order_id) DO UPDATE SET project_id = EXCLUDED.project_id, client_id = EXCLUDED.client_id,
  first_message_at = EXCLUDED.first_message_at, bot = EXCLUDED.bot, messenger = EXCLUDED.messenger,
  start_param = EXCLUDED.start_param, utm_source = EXCLUDED.utm_source, linked_at = EXCLUDED.linked_at`;

/** $1: the school's time zone. Times are stored as UTC `timestamp`s, hence AT TIME ZONE twice. */
export const insertFactsSql = (scope: Scope) => `
INSERT INTO analytics_client_facts
  (project_id, client_id, first_message_at, day, bot, messenger, start_param, utm_source, campaign, link_source, linked_at, orders, first_paid_at)
SELECT c.project_id, c.client_id, c.first_message_at,
       ((c.first_message_at AT TIME ZONE 'UTC') AT TIME ZONE $1::text)::date,
       coalesce(c.bot, ''), coalesce(c.messenger, ''), coalesce(c.start_param, ''),
       coalesce(nullif(c.utm_source, ''), po.first_utm, ''),
       coalesce(cc.campaign_id::text, ''),
       coalesce(l.source::text, ''),
       l.linked_at, coalesce(po.orders, 0), po.first_paid_at
FROM ${scopeClients(scope)} c
LEFT JOIN links l ON l.project_id = c.project_id AND l.sb_client_id = c.client_id
LEFT JOIN campaign_clients cc ON cc.project_id = c.project_id AND cc.client_id = c.client_id
LEFT JOIN (
  SELECT p.project_id, p.client_id, count(*)::int AS orders,
         min(coalesce(o.paid_at, o.ordered_at)) FILTER (WHERE o.paid) AS first_paid_at,
         (array_agg(o.utm_source ORDER BY o.ordered_at, o.id) FILTER (WHERE nullif(o.utm_source, '') IS NOT NULL))[1] AS first_utm
  FROM analytics_pairs p JOIN gc_orders o ON o.id = p.order_id
  GROUP BY p.project_id, p.client_id
) po ON po.project_id = c.project_id AND po.client_id = c.client_id`;

/** Paid amounts per owner and currency; a paid order without a known amount still counts as an order. */
export const insertRevenueSql = (scope: Scope) => `
INSERT INTO analytics_client_revenue (project_id, client_id, currency, revenue, paid_orders)
SELECT w.project_id, w.client_id, o.currency, coalesce(sum(o.paid_amount), 0), count(*)::int
FROM analytics_owners w
JOIN gc_orders o ON o.id = w.order_id
${scope === "scoped" ? "JOIN analytics_scope s ON s.project_id = w.project_id AND s.client_id = w.client_id" : ""}
WHERE o.paid
GROUP BY w.project_id, w.client_id, o.currency`;

const scopeFilter = (scope: Scope) =>
  scope === "scoped" ? "JOIN analytics_scope s ON s.project_id = f.project_id AND s.client_id = f.client_id" : "";

/**
 * Adds (sign 1) or takes away (sign -1) the contribution of the facts in scope to the daily
 * rollups: the incremental refresh takes the old facts away, recomputes, and adds the new.
 */
export const applyFunnelSql = (scope: Scope, sign: 1 | -1) => `
INSERT INTO analytics_funnel_daily AS t (dimension, day, key, clients, linked, ordered, paid)
SELECT dim.dimension, f.day, dim.key,
       ${sign} * count(*),
       ${sign} * count(*) FILTER (WHERE f.linked_at IS NOT NULL),
       ${sign} * count(*) FILTER (WHERE f.orders > 0),
       ${sign} * count(*) FILTER (WHERE f.first_paid_at IS NOT NULL)
FROM analytics_client_facts f ${scopeFilter(scope)}
CROSS JOIN LATERAL ${DIMENSION_FANOUT_SQL}
GROUP BY dim.dimension, f.day, dim.key
ON CONFLICT (dimension, day, key) DO UPDATE SET
  clients = t.clients + EXCLUDED.clients, linked = t.linked + EXCLUDED.linked,
  ordered = t.ordered + EXCLUDED.ordered, paid = t.paid + EXCLUDED.paid`;

export const applyRevenueSql = (scope: Scope, sign: 1 | -1) => `
INSERT INTO analytics_revenue_daily AS t (dimension, day, key, currency, revenue, paid_orders)
SELECT dim.dimension, f.day, dim.key, r.currency, ${sign} * sum(r.revenue), ${sign} * sum(r.paid_orders)
FROM analytics_client_revenue r
JOIN analytics_client_facts f ON f.project_id = r.project_id AND f.client_id = r.client_id
${scopeFilter(scope)}
CROSS JOIN LATERAL ${DIMENSION_FANOUT_SQL}
GROUP BY dim.dimension, f.day, dim.key, r.currency
ON CONFLICT (dimension, day, key, currency) DO UPDATE SET
  revenue = t.revenue + EXCLUDED.revenue, paid_orders = t.paid_orders + EXCLUDED.paid_orders`;

/**
 * Minutes from first message to first payment as the histogram stores them: to the minute under a
 * day, to the hour above (a median of weeks needs no minutes, and it keeps the table small). Both
 * floor, so every report boundary (whole hours, whole weeks) falls on the same side as before.
 */
const PAYMENT_MINUTES_SQL = `CASE WHEN m.minutes < 1440 THEN floor(m.minutes) ELSE floor(m.minutes / 60) * 60 END::int`;

/** Adds (1) or takes away (-1) the facts in scope from the time-to-payment histogram, per group. */
export const applyPaymentSql = (scope: Scope, sign: 1 | -1) => `
INSERT INTO analytics_payment_daily AS t (dimension, day, key, minutes, clients)
SELECT dim.dimension, f.day, dim.key, ${PAYMENT_MINUTES_SQL}, ${sign} * count(*)
FROM analytics_client_facts f ${scopeFilter(scope)}
CROSS JOIN LATERAL (SELECT extract(epoch FROM f.first_paid_at - f.first_message_at) / 60.0 AS minutes) m
CROSS JOIN LATERAL ${DIMENSION_FANOUT_SQL}
WHERE f.first_paid_at IS NOT NULL
GROUP BY 1, 2, 3, 4
ON CONFLICT (dimension, day, key, minutes) DO UPDATE SET clients = t.clients + EXCLUDED.clients`;

/** Rows the refresh brought to zero would otherwise linger as empty groups. */
export const PRUNE_SQL = [
  "DELETE FROM analytics_funnel_daily WHERE clients = 0 AND linked = 0 AND ordered = 0 AND paid = 0",
  "DELETE FROM analytics_revenue_daily WHERE revenue = 0 AND paid_orders = 0",
  "DELETE FROM analytics_payment_daily WHERE clients = 0",
];
