import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import { getFunnel } from "./funnel";
import { closeAnalyticsPool } from "./pool";
import { rebuildAnalytics, refreshAnalytics } from "./refresh";
import { ANALYTICS_REFRESH_QUEUE, REFRESH_EVERY_SECONDS, runAnalyticsRefresh } from "./refresh-job";
import { insertClient, insertLink, insertMarch, insertOrder, MARCH } from "./test-fixtures";

beforeAll(async () => {
  await insertMarch();
  await getFunnel({ ...MARCH }); // builds the rollup
});
afterAll(closeAnalyticsPool);

/** The rollup tables as plain rows, to compare an incremental result with a full rebuild. */
async function rollupSnapshot(): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const funnel = await client.query("SELECT * FROM analytics_funnel_daily ORDER BY dimension, day, key");
    const revenue = await client.query(
      "SELECT dimension, day, key, currency, revenue::text, paid_orders FROM analytics_revenue_daily ORDER BY dimension, day, key, currency",
    );
    const owners = await client.query(
      "SELECT order_id::text, project_id, client_id, first_message_at, bot, messenger, start_param, utm_source, linked_at FROM analytics_order_owners ORDER BY order_id",
    );
    const payments = await client.query(
      "SELECT dimension, day, key, minutes, clients FROM analytics_payment_daily ORDER BY dimension, day, key, minutes",
    );
    return [funnel.rows, revenue.rows, owners.rows, payments.rows];
  } finally {
    await client.end();
  }
}

test("a new paid order is in the funnel at the next read, well within 60 s", async () => {
  const before = await getFunnel({ ...MARCH });
  const written = Date.now();
  await insertOrder({
    deal: "o7",
    gcUserId: "u6",
    status: "payed",
    paid: true,
    paidAmount: "400",
    orderedAt: "2026-03-25T10:00:00Z",
    paidAt: "2026-03-25T10:05:00Z",
  });
  const after = await getFunnel({ ...MARCH });
  expect(Date.now() - written).toBeLessThan(60_000);
  expect(after.total.paid).toBe(before.total.paid + 1); // c6 now pays
  expect(after.total.revenue).toBe(before.total.revenue + 400);
});

test("the refresh job applies pending changes and schedules its next run", async () => {
  await db.$executeRawUnsafe("UPDATE gc_orders SET paid = false, status = 'cancelled' WHERE deal_id = 'o7'");
  const sent: Array<{ queue: string; options: unknown }> = [];
  const boss = {
    send: async (queue: string, _data: object, options: unknown) => (sent.push({ queue, options }), "id"),
  };
  await runAnalyticsRefresh(boss as never);
  expect(sent).toEqual([{ queue: ANALYTICS_REFRESH_QUEUE, options: { startAfter: REFRESH_EVERY_SECONDS } }]);
  const [left] = await db.$queryRawUnsafe<Array<{ pending: bigint }>>(
    "SELECT count(*) AS pending FROM analytics_dirty",
  );
  expect(left?.pending).toBe(0n);
  const report = await getFunnel({ ...MARCH });
  expect(report.total).toMatchObject({ paid: 3, revenue: 1800 }); // the refund took o7 back out
});

test("message counters moving do not mark a client; a new first message does", async () => {
  await refreshAnalytics();
  await db.$executeRawUnsafe(
    "UPDATE salebot_clients SET messages_in = messages_in + 1, last_message_at = now() WHERE client_id = 'c1'",
  );
  const [idle] = await db.$queryRawUnsafe<Array<{ n: bigint }>>("SELECT count(*) AS n FROM analytics_dirty");
  expect(idle?.n).toBe(0n);
  await db.$executeRawUnsafe("UPDATE salebot_clients SET first_message_at = '2026-04-15 10:00' WHERE client_id = 'c6'");
  expect((await getFunnel({ ...MARCH })).total.clients).toBe(4);
  expect((await getFunnel({ from: "2026-04-15", to: "2026-04-15" })).total).toMatchObject({ clients: 1, ordered: 1 });
});

test("unlinking, moving a shared GC user's first contact and deleting clients all match a full rebuild", async () => {
  await db.$executeRawUnsafe("DELETE FROM links WHERE sb_client_id = 'c2'"); // the USD order loses its client
  // c7 now wrote first, so the orders of u1 move to it
  await db.$executeRawUnsafe(
    "UPDATE salebot_clients SET first_message_at = '2026-03-01 09:00' WHERE project_id = 'p2' AND client_id = 'c7'",
  );
  await insertClient({ id: "c8", bot: "beta", first: "2026-03-15T10:00:00Z" });
  await insertLink({ client: "c8", email: "h@x.io", gcUserId: null, linkedAt: "2026-03-15T11:00:00Z" });
  await insertOrder({
    deal: "o8",
    email: "h@x.io",
    status: "payed",
    paid: true,
    paidAmount: "90",
    currency: "EUR",
    orderedAt: "2026-03-16T10:00:00Z",
    paidAt: "2026-03-16T10:00:00Z",
  });
  await db.$executeRawUnsafe("DELETE FROM salebot_clients WHERE client_id = 'c3'");
  // A campaign attribution (written after the client) moves the client's campaign group too.
  await db.$executeRawUnsafe(
    "INSERT INTO campaigns (name, bot, kind, start_code) VALUES ('Осень', 'beta_bot', 'telegram_start', 'autumn')",
  );
  await db.$executeRawUnsafe(
    "INSERT INTO campaign_clients (project_id, client_id, campaign_id, via) SELECT 'p1', 'c8', id, 'start_param' FROM campaigns WHERE start_code = 'autumn'",
  );

  const report = await getFunnel({ ...MARCH, groupBy: "bot" });
  // c1 c2 c7 c8 (c3 deleted, c6 moved to April); linked c1 c7 c8; paid c1 c7 c8
  expect(report.total).toEqual({
    clients: 4,
    linked: 3,
    ordered: 3,
    paid: 3,
    revenue: 1800,
    revenueByCurrency: { EUR: 90 },
  });
  expect(report.rows.find((r) => r.key === "gamma")).toMatchObject({ revenue: 1800 });
  expect(report.rows.find((r) => r.key === "alpha")).toMatchObject({ clients: 2, revenue: 0 });

  const byCampaign = await getFunnel({ ...MARCH, groupBy: "campaign" });
  expect(byCampaign.rows.filter((r) => r.key !== null)).toMatchObject([
    { clients: 1, paid: 1, revenueByCurrency: { EUR: 90 } },
  ]); // c8

  const incremental = await rollupSnapshot();
  const rebuilt = await rebuildAnalytics({ force: true });
  expect(rebuilt.skipped).toBe(false);
  expect(await rollupSnapshot()).toEqual(incremental);
});
