// npm run bench:analytics [-- --database hub_scale --warm 10]
// p50/p95 of the funnel API (its GET handler in-process: auth, zod, rollup read, JSON) and of the
// analytics page's queries, on the database seed:scale filled (DATABASE_URL, else the embedded
// server's --database). Every scenario runs over several periods and groupings; its first call
// on fresh connections is reported as "cold", the following ones as "warm". Then it measures
// freshness: a paid order written now must show up in the funnel.
import { GET } from "../app/api/analytics/funnel/route";
import { getWeeklyCohorts } from "../lib/analytics/cohorts";
import { API_GROUP_BYS } from "../lib/analytics/dimensions";
import { getFunnel } from "../lib/analytics/funnel";
import { getOrdersPage, streamOrdersCsv } from "../lib/queries/orders";
import { addDays, todayIn } from "../lib/analytics/period";
import { analyticsPool, closeAnalyticsPool } from "../lib/analytics/pool";
import { ensureAnalyticsFresh } from "../lib/analytics/refresh";
import { getRevenueByGroup } from "../lib/analytics/revenue";
import { getTimeToPayment } from "../lib/analytics/time-to-payment";
import { startDatabase } from "../lib/cli/database-server";
import { getEnv } from "../lib/env";
import { percentile, sortedOf } from "../bench/load";
import { recordBenchFigures } from "../bench/summary";

const TOKEN = "bench-read-token-0123456789";
process.env.READ_API_TOKEN = TOKEN;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
const WARM = Number(option("warm") ?? 10);
const TARGET_MS = 300;

type Case = { label: string; run: () => Promise<unknown> };
type Sample = { scenario: string; cold: number[]; warm: number[] };

/** `p` as a fraction (0.95), of unsorted values. */
const percentileOf = (values: number[], p: number) => percentile(sortedOf(values), p * 100);

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function measure(scenario: string, cases: Case[]): Promise<Sample> {
  // Fresh connections: the cold call pays for connecting and planning like a first visitor.
  await closeAnalyticsPool();
  const sample: Sample = { scenario, cold: [], warm: [] };
  const perCase = new Map<string, number[]>();
  for (const c of cases) sample.cold.push(await time(c.run));
  for (let i = 0; i < WARM; i++) {
    for (const c of cases) {
      const ms = await time(c.run);
      sample.warm.push(ms);
      perCase.set(c.label, [...(perCase.get(c.label) ?? []), ms]);
    }
  }
  if (process.argv.includes("--cases")) {
    for (const [label, values] of perCase)
      console.log(
        `  ${scenario} / ${label}: warm p50 ${percentileOf(values, 0.5).toFixed(1)} ms, p95 ${percentileOf(values, 0.95).toFixed(1)} ms`,
      );
  }
  return sample;
}

const server = await startDatabase({ database: option("database") ?? "hub_scale", quiet: true });
process.env.DATABASE_URL = server.url;
try {
  const zone = getEnv().TIME_ZONE;
  const today = todayIn(zone);
  const periods = [7, 30, 90, 365].map((days) => ({ days, from: addDays(today, -(days - 1)), to: today }));
  const { rows: size } = await analyticsPool().query<{ clients: string; orders: string; messages: string }>(
    "SELECT (SELECT count(*) FROM salebot_clients) AS clients, (SELECT count(*) FROM gc_orders) AS orders, (SELECT count(*) FROM salebot_messages) AS messages",
  );
  console.log(
    `bench:analytics on ${new URL(server.url).host}${new URL(server.url).pathname}: ${Number(size[0]?.clients).toLocaleString("en")} clients, ${Number(size[0]?.orders).toLocaleString("en")} orders, ${Number(size[0]?.messages).toLocaleString("en")} messages; ${WARM} warm runs per case; time zone ${zone}`,
  );
  const build = await time(() => ensureAnalyticsFresh());
  console.log(`rollup check/build before measuring: ${build.toFixed(0)} ms`);

  const api = (query: string) => async () => {
    const response = await GET(
      new Request(`http://bench.local/api/analytics/funnel?${query}`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      }),
    );
    if (response.status !== 200) throw new Error(`funnel API answered ${response.status}: ${await response.text()}`);
    await response.json();
  };
  const samples: Sample[] = [];
  samples.push(
    await measure(
      "funnel API (4 periods × 5 groupings)",
      periods.flatMap((p) =>
        API_GROUP_BYS.map((g) => ({ label: `${p.days}d ${g}`, run: api(`from=${p.from}&to=${p.to}&groupBy=${g}`) })),
      ),
    ),
  );
  samples.push(
    await measure(
      "revenue by group + AOV (4 periods × bot, utm_source)",
      periods.flatMap((p) =>
        (["bot", "utm_source"] as const).map((groupBy) => ({
          label: `${p.days}d`,
          run: () => getRevenueByGroup({ from: p.from, to: p.to, groupBy }),
        })),
      ),
    ),
  );
  samples.push(
    await measure(
      "time to first payment (4 periods)",
      periods.map((p) => ({ label: `${p.days}d`, run: () => getTimeToPayment(p) })),
    ),
  );
  samples.push(
    await measure(
      "weekly cohorts (90d, 365d)",
      periods.filter((p) => p.days >= 90).map((p) => ({ label: `${p.days}d`, run: () => getWeeklyCohorts(p) })),
    ),
  );
  // Grouped, as /analytics reads them: every group's histogram, the rest folded into "other".
  samples.push(
    await measure(
      "time to payment and cohorts by UTM source (90d, 365d)",
      periods
        .filter((p) => p.days >= 90)
        .flatMap((p) => [
          { label: `ttp ${p.days}d`, run: () => getTimeToPayment({ ...p, groupBy: "utm_source", groups: [] }) },
          { label: `cohorts ${p.days}d`, run: () => getWeeklyCohorts({ ...p, groupBy: "utm_source", groups: [] }) },
        ]),
    ),
  );
  const last = (days: number) => periods.find((p) => p.days === days) ?? { from: today, to: today };
  samples.push(
    await measure("orders page (30d/365d, sorts, filters, page 20)", [
      { label: "30d newest", run: () => getOrdersPage({ ...last(30) }) },
      { label: "365d newest", run: () => getOrdersPage({ ...last(365) }) },
      { label: "365d by paid amount", run: () => getOrdersPage({ ...last(365), sort: "paidAmount" }) },
      { label: "90d by first message", run: () => getOrdersPage({ ...last(90), sort: "firstMessageAt", dir: "asc" }) },
      { label: "30d bot + paid", run: () => getOrdersPage({ ...last(30), bot: "webinar_bot", paid: "paid" }) },
      { label: "365d utm + page 20", run: () => getOrdersPage({ ...last(365), utmSource: "instagram", page: 20 }) },
      { label: "365d search", run: () => getOrdersPage({ ...last(365), q: "user12" }) },
    ]),
  );

  console.log(
    `\n${"scenario".padEnd(56)} ${"cold p50".padStart(9)} ${"cold p95".padStart(9)} ${"warm p50".padStart(9)} ${"warm p95".padStart(9)}  (ms)`,
  );
  let worst = 0;
  for (const s of samples) {
    const cells = [
      percentileOf(s.cold, 0.5),
      percentileOf(s.cold, 0.95),
      percentileOf(s.warm, 0.5),
      percentileOf(s.warm, 0.95),
    ];
    worst = Math.max(worst, cells[1] ?? 0, cells[3] ?? 0);
    console.log(`${s.scenario.padEnd(56)} ${cells.map((c) => c.toFixed(1).padStart(9)).join(" ")}`);
  }
  console.log(
    `worst p95: ${worst.toFixed(1)} ms (target ≤ ${TARGET_MS} ms): ${worst <= TARGET_MS ? "met" : "NOT met"}`,
  );
  const funnel = samples.find((s) => s.scenario.startsWith("funnel API"));
  recordBenchFigures("analytics", [
    ...(funnel
      ? [
          {
            metric: "funnel API p95 (warm)",
            value: `${percentileOf(funnel.warm, 0.95).toFixed(1)} ms`,
            target: `≤ ${TARGET_MS} ms`,
            met: percentileOf(funnel.warm, 0.95) <= TARGET_MS,
          },
        ]
      : []),
    {
      metric: "worst analytics query p95",
      value: `${worst.toFixed(1)} ms`,
      target: `≤ ${TARGET_MS} ms`,
      met: worst <= TARGET_MS,
    },
  ]);

  // A CSV export streams every order of the period; reported for information, not a p95 target.
  const csvStarted = performance.now();
  let bytes = 0;
  const reader = streamOrdersCsv({ ...last(30) }, { separator: ";" }).getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  console.log(
    `orders CSV, last 30 days: ${(bytes / 1024).toFixed(0)} KiB in ${(performance.now() - csvStarted).toFixed(0)} ms`,
  );

  // Freshness: a paid order for a linked client, then the next funnel read (which applies pending changes).
  const { rows: target } = await analyticsPool().query<{ gc_user_id: string; email: string; day: string }>(
    `SELECT l.gc_user_id, l.email, to_char(f.day, 'YYYY-MM-DD') AS day
     FROM links l JOIN analytics_client_facts f ON f.project_id = l.project_id AND f.client_id = l.sb_client_id
     WHERE l.gc_user_id IS NOT NULL ORDER BY f.first_message_at DESC LIMIT 1`,
  );
  const who = target[0];
  const pool = analyticsPool();
  if (who) {
    const before = await getFunnel({ from: who.day, to: who.day });
    const written = performance.now();
    await pool.query(
      `INSERT INTO gc_orders (deal_id, gc_user_id, email, status, paid, cost_amount, paid_amount, currency, ordered_at, paid_at, updated_at)
       VALUES ('bench-fresh-order', $1, $2, 'payed', true, 777, 777, 'RUB', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', now())`,
      [who.gc_user_id, who.email],
    );
    const after = await getFunnel({ from: who.day, to: who.day });
    const seen = after.total.revenue - before.total.revenue;
    console.log(
      `freshness: a new paid order of 777 RUB showed up as +${seen} in the next funnel read, ${(performance.now() - written).toFixed(0)} ms after it was written`,
    );
    await pool.query("DELETE FROM gc_orders WHERE deal_id = 'bench-fresh-order'");
    await ensureAnalyticsFresh();
  }
} finally {
  await closeAnalyticsPool();
  await server.stop();
}
