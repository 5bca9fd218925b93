// The SQL of `npm run seed:scale`: every row is generated inside Postgres from generate_series in
// a handful of set-based statements (no row-by-row round trips). Distributions are skewed the way
// a school's are: one main bot, Telegram first, a few start parameters and UTM sources carrying
// most traffic, more first contacts in recent months, messages per client heavy-tailed.

/** Seed rows are recognised by this Salebot project id and `seed-` deal ids. */
export const SEED_PROJECT = "990001";

const TRIGGERS: ReadonlyArray<[string, string]> = [
  ["salebot_clients", "analytics_client_insert"],
  ["salebot_clients", "analytics_client_update"],
  ["salebot_clients", "analytics_client_delete"],
  ["links", "analytics_link_insert"],
  ["links", "analytics_link_update"],
  ["links", "analytics_link_delete"],
  ["gc_orders", "analytics_order_insert"],
  ["gc_orders", "analytics_order_update"],
  ["gc_orders", "analytics_order_delete"],
];

// The rollup is rebuilt once after loading, so noting every seeded row for the refresh is waste.
const triggers = (action: "DISABLE" | "ENABLE") =>
  TRIGGERS.map(([table, name]) => `ALTER TABLE ${table} ${action} TRIGGER ${name}`).join(";\n");

const pick = (values: string[], skew: number, random = "random()") =>
  `(ARRAY[${values.map((v) => `'${v}'`).join(",")}])[1 + floor(${values.length} * power(${random}, ${skew}))::int]`;

const BOTS = ["school_main_bot", "webinar_bot", "course_helper_bot", "promo_bot", "support_bot"];
const START_PARAMS = [
  "webinar",
  "blog",
  "reels",
  "stories",
  "partner",
  "lead_magnet",
  "quiz",
  "promo",
  "youtube",
  "podcast",
];
const SOURCES = [
  "instagram",
  "vk_ads",
  "yandex_direct",
  "telegram_ads",
  "youtube",
  "email",
  "partner",
  "google",
  "tiktok",
  "blog",
];
const PRICES = ["990", "1990", "4900", "9900", "19900", "49900", "89900"];

/** One order's columns from per-row randoms rs (status), rc (currency), rp (price), rr (refund), rk (key). */
const ORDER_COLUMNS = `
  CASE WHEN rs < 0.57 THEN 'payed' WHEN rs < 0.60 THEN 'part_payed' WHEN rs < 0.72 THEN 'new'
       WHEN rs < 0.78 THEN 'in_work' WHEN rs < 0.83 THEN 'payment_waiting' WHEN rs < 0.93 THEN 'cancelled'
       WHEN rs < 0.96 THEN 'false' ELSE 'waiting_for_return' END AS status,
  CASE WHEN rc < 0.96 THEN 'RUB' WHEN rc < 0.98 THEN 'USD' WHEN rc < 0.99 THEN 'EUR' ELSE 'KZT' END AS currency,
  ${pick(PRICES, 1.8, "rp")}::numeric AS rub_price`;

const ORDER_AMOUNTS = `
  round(CASE currency WHEN 'USD' THEN rub_price / 90 WHEN 'EUR' THEN rub_price / 100 WHEN 'KZT' THEN rub_price * 5 ELSE rub_price END, 2) AS cost`;

/** The INSERT shared by linked and unlinked orders; `source` yields the key and time columns. */
const insertOrders = (source: string) => `
INSERT INTO gc_orders (deal_id, deal_number, gc_user_id, email, status, paid, cost_amount, paid_amount, currency, offer,
                       utm_source, utm_medium, ordered_at, paid_at, status_at, updated_at)
SELECT deal_id, deal_number, gc_user_id, email, status, status IN ('payed', 'part_payed'), cost,
       CASE WHEN status = 'payed' THEN cost WHEN status = 'part_payed' THEN round(cost / 2, 2)
            -- refunds: cancelled after paying keeps the amount once paid, but is not paid
            WHEN status IN ('cancelled', 'waiting_for_return') AND rr < 0.4 THEN cost END,
       currency, 'Курс ' || rub_price::int, order_utm, CASE WHEN order_utm IS NOT NULL THEN 'cpc' END,
       ordered_at,
       CASE WHEN status IN ('payed', 'part_payed') THEN least(now_utc, ordered_at + interval '1 minute' * (5 + 4320 * power(rr, 3))) END,
       ordered_at, ordered_at
FROM (
  SELECT s.*, ${ORDER_AMOUNTS}
  FROM (SELECT o.*, ${ORDER_COLUMNS} FROM (${source}) o) s
) x`;

export type SeedStep = { label: string; sql: string };

export function seedSteps(clients: number, keepOtherData: boolean): SeedStep[] {
  const unlinkedOrders = Math.round(clients * 0.06);
  return [
    {
      label: keepOtherData ? "removing earlier seed rows" : "emptying the tables",
      sql: `BEGIN;
        SET LOCAL work_mem = '256MB';
        SET LOCAL maintenance_work_mem = '512MB';
        ${triggers("DISABLE")};
        ${
          keepOtherData
            ? `DELETE FROM salebot_messages WHERE project_id = '${SEED_PROJECT}';
               DELETE FROM salebot_clients WHERE project_id = '${SEED_PROJECT}';
               DELETE FROM links WHERE project_id = '${SEED_PROJECT}';
               DELETE FROM gc_orders WHERE deal_id LIKE 'seed-%'`
            : "TRUNCATE salebot_messages, salebot_clients, links, gc_order_events, gc_orders, analytics_dirty"
        }`,
    },
    {
      label: "drawing clients",
      sql: `CREATE TEMP TABLE seed_c ON COMMIT DROP AS
        SELECT g, bot, messenger, start_param, utm_source, first_at, n,
               r_link < least(0.9, 0.2 + 0.02 * n) AS linked,
               first_at + interval '1 hour' * 720 * power(r_delay, 3) AS linked_at,
               CASE WHEN r_buy < 0.55 THEN 1 + floor(-ln(1 - r_many) * 0.85)::int ELSE 0 END AS n_orders
        FROM (
          SELECT g,
                 ${pick(BOTS, 2)} AS bot,
                 CASE WHEN r_m < 0.72 THEN 'telegram' WHEN r_m < 0.92 THEN 'vk' ELSE 'whatsapp' END AS messenger,
                 CASE WHEN random() < 0.25 THEN NULL ELSE ${pick(START_PARAMS, 2.5)} || '_' || (1 + floor(3 * random()))::int END AS start_param,
                 CASE WHEN random() < 0.4 THEN NULL ELSE ${pick(SOURCES, 2)} END AS utm_source,
                 -- denser in recent months: a growing school
                 date_trunc('second', (now() AT TIME ZONE 'UTC') - interval '365 days' * (1 - sqrt(random()))) AS first_at,
                 -- heavy tail: most write a few messages, a few write hundreds
                 least(1000, 1 + floor(1.5 * power(1 - random(), -1.0 / 1.5)))::int AS n,
                 r_m, r_link, r_delay, r_buy, r_many
          FROM (SELECT g, random() AS r_m, random() AS r_link, random() AS r_delay, random() AS r_buy, random() AS r_many
                FROM generate_series(1, ${clients}) g) r
        ) c`,
    },
    {
      label: "salebot_clients",
      sql: `INSERT INTO salebot_clients (project_id, client_id, platform_id, messenger, bot, name, start_param, utm_source, utm_medium,
                                        first_message_at, last_message_at, messages_in, messages_out, created_at, updated_at)
        SELECT '${SEED_PROJECT}', g::text, (100000000 + g)::text, messenger, bot, 'Seed client ' || g, start_param, utm_source,
               CASE WHEN utm_source IS NOT NULL THEN 'cpc' END,
               first_at, first_at + (n - 1) * interval '90 minutes', ceil(n / 2.0)::int, floor(n / 2.0)::int, first_at, first_at
        FROM seed_c ORDER BY g`,
    },
    {
      label: "salebot_messages",
      sql: `INSERT INTO salebot_messages (project_id, message_id, client_id, direction, text, received_at, payload)
        SELECT '${SEED_PROJECT}', 'seed-' || c.g || '-' || i, c.g::text,
               (CASE WHEN i % 2 = 1 THEN 'in' ELSE 'out' END)::"MessageDirection", 'Seed message',
               c.first_at + (i - 1) * interval '90 minutes', '{}'
        FROM seed_c c CROSS JOIN LATERAL generate_series(1, c.n) i`,
    },
    {
      label: "links",
      sql: `INSERT INTO links (project_id, sb_client_id, telegram_id, email, gc_user_id, source, linked_at, updated_at)
        SELECT '${SEED_PROJECT}', g::text, CASE WHEN messenger = 'telegram' THEN (100000000 + g)::text END,
               'user' || g || '@seed.example', (5000000 + g)::text,
               (CASE WHEN g % 10 < 8 THEN 'bot' WHEN g % 10 < 9 THEN 'form' ELSE 'admin' END)::"LinkSource",
               least(now() AT TIME ZONE 'UTC', linked_at), least(now() AT TIME ZONE 'UTC', linked_at)
        FROM seed_c WHERE linked`,
    },
    {
      label: "orders of linked customers",
      sql: insertOrders(`
        SELECT 'seed-' || c.g || '-' || k AS deal_id, (100000 + c.g * 10 + k)::text AS deal_number,
               -- 5% arrive without a user id and join by e-mail
               CASE WHEN random() < 0.05 THEN NULL ELSE (5000000 + c.g)::text END AS gc_user_id,
               'user' || c.g || '@seed.example' AS email,
               CASE WHEN random() < 0.5 THEN NULL ELSE ${pick(SOURCES, 2)} END AS order_utm,
               least(now() AT TIME ZONE 'UTC', c.linked_at + interval '1 day' * (60 * power(random(), 2) + (k - 1) * 20)) AS ordered_at,
               now() AT TIME ZONE 'UTC' AS now_utc,
               random() AS rs, random() AS rc, random() AS rp, random() AS rr
        FROM seed_c c CROSS JOIN LATERAL generate_series(1, c.n_orders) k
        WHERE c.linked AND c.n_orders > 0`),
    },
    {
      label: "orders of GetCourse users who never wrote to a bot",
      sql: insertOrders(`
        SELECT 'seed-gc-' || k AS deal_id, (900000000 + k)::text AS deal_number, (9000000 + k)::text AS gc_user_id,
               'gc' || k || '@seed.example' AS email, NULL::text AS order_utm,
               date_trunc('second', (now() AT TIME ZONE 'UTC') - interval '365 days' * random()) AS ordered_at,
               now() AT TIME ZONE 'UTC' AS now_utc,
               random() AS rs, random() AS rc, random() AS rp, random() AS rr
        FROM generate_series(1, ${unlinkedOrders}) k`),
    },
    { label: "commit", sql: `${triggers("ENABLE")}; COMMIT` },
    { label: "vacuum analyze", sql: "VACUUM ANALYZE salebot_clients, salebot_messages, links, gc_orders" },
  ];
}
