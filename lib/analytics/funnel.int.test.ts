import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/messages";
import { groupLabels } from "./group-labels";
import { closeAnalyticsPool } from "./pool";
import { getFunnel } from "./funnel";
import { getRevenueByGroup } from "./revenue";
import { getTimeToPayment } from "./time-to-payment";
import { getWeeklyCohorts } from "./cohorts";
import { insertClient, insertMarch, MARCH } from "./test-fixtures";

beforeAll(async () => {
  await insertMarch();
});
afterAll(closeAnalyticsPool);

const row = (
  clients: number,
  linked: number,
  ordered: number,
  paid: number,
  revenue: number,
  revenueByCurrency: Record<string, number> = {},
) => ({
  clients,
  linked,
  ordered,
  paid,
  revenue,
  revenueByCurrency,
});

describe("the funnel for March 2026 (Moscow)", () => {
  test("totals: time-zone edges, a refund, an e-mail-only order, a shared GC user counted once", async () => {
    const report = await getFunnel({ ...MARCH });
    expect(report).toMatchObject({ from: "2026-03-01", to: "2026-03-31", groupBy: "none", currency: "RUB" });
    // c1 c2 c3 c6 c7; linked c1 c2 c6 c7; ordered the same; paid c1 c2 c7
    // revenue: o1 1000 + o2 500 + o6 300 (o3 refunded, o4 in USD), each once although c7 shares them
    expect(report.total).toEqual(row(5, 4, 4, 3, 1800, { USD: 200 }));
    expect(report.rows).toEqual([{ key: "all", ...row(5, 4, 4, 3, 1800, { USD: 200 }) }]);
  });

  test("by bot", async () => {
    const { rows } = await getFunnel({ ...MARCH, groupBy: "bot" });
    expect(rows).toEqual([
      { key: "alpha", ...row(3, 3, 3, 2, 1800, { USD: 200 }) },
      { key: "beta", ...row(1, 0, 0, 0, 0) },
      { key: "gamma", ...row(1, 1, 1, 1, 0) },
    ]);
  });

  test("by messenger (a client without one is key null)", async () => {
    const { rows } = await getFunnel({ ...MARCH, groupBy: "messenger" });
    expect(rows).toEqual([
      { key: "telegram", ...row(3, 2, 2, 1, 1800) },
      { key: "vk", ...row(1, 1, 1, 1, 0, { USD: 200 }) },
      { key: null, ...row(1, 1, 1, 1, 0) },
    ]);
  });

  test("by start parameter", async () => {
    const { rows } = await getFunnel({ ...MARCH, groupBy: "start_param" });
    expect(rows).toEqual([
      { key: null, ...row(4, 3, 3, 2, 0, { USD: 200 }) },
      { key: "webinar", ...row(1, 1, 1, 1, 1800) },
    ]);
  });

  test("by utm_source: the client's own, else their first order's", async () => {
    const { rows } = await getFunnel({ ...MARCH, groupBy: "utm_source" });
    expect(rows).toEqual([
      { key: null, ...row(3, 2, 2, 1, 0) },
      { key: "ads", ...row(1, 1, 1, 1, 0, { USD: 200 }) },
      { key: "insta", ...row(1, 1, 1, 1, 1800) },
    ]);
  });

  test("one day at each edge: 23:30 Moscow on the last day and 00:30 on the first day count", async () => {
    expect((await getFunnel({ from: "2026-03-31", to: "2026-03-31" })).total.clients).toBe(1); // c2
    expect((await getFunnel({ from: "2026-03-01", to: "2026-03-01" })).total.clients).toBe(1); // c3
    expect((await getFunnel({ from: "2026-04-01", to: "2026-04-01" })).total.clients).toBe(1); // c4
    expect((await getFunnel({ from: "2026-02-28", to: "2026-02-28" })).total.clients).toBe(1); // c5
  });

  test("an empty period is all zeros", async () => {
    const report = await getFunnel({ from: "2025-01-01", to: "2025-01-31", groupBy: "bot" });
    expect(report.total).toEqual(row(0, 0, 0, 0, 0));
    expect(report.rows).toEqual([]);
  });
});

describe("the page's reports", () => {
  test("revenue, paying customers and average order value by bot", async () => {
    const report = await getRevenueByGroup({ ...MARCH, groupBy: "bot" });
    expect(report.total).toMatchObject({
      payingCustomers: 3,
      paidOrders: 3,
      revenue: 1800,
      averageOrderValue: 600,
      revenueByCurrency: { USD: 200 },
    });
    expect(report.rows[0]).toMatchObject({
      key: "alpha",
      payingCustomers: 2,
      paidOrders: 3,
      revenue: 1800,
      averageOrderValue: 600,
    });
    expect(report.rows.find((r) => r.key === "gamma")).toMatchObject({
      payingCustomers: 1,
      paidOrders: 0,
      revenue: 0,
      averageOrderValue: null,
    });
  });

  test("time from first message to first payment", async () => {
    const report = await getTimeToPayment({ ...MARCH });
    // c1: 2 h; c2: 48 h; c7 paid (as u1) a week before its first message
    expect(report).toMatchObject({ paidClients: 2, paidBeforeFirstMessage: 1, medianHours: 25 });
    expect(report.buckets.find((b) => b.key === "1h_1d")?.clients).toBe(1);
    expect(report.buckets.find((b) => b.key === "1d_3d")?.clients).toBe(1);
    expect(report.buckets.reduce((sum, b) => sum + b.clients, 0)).toBe(2);
  });

  test("weekly cohorts by first-contact week", async () => {
    const { cohorts } = await getWeeklyCohorts({ ...MARCH, weeks: 4 });
    expect(cohorts.map((c) => [c.week, c.clients, c.paid])).toEqual([
      ["2026-02-23", 1, 0], // c3 (Sunday 1 March)
      ["2026-03-02", 1, 1], // c1
      ["2026-03-09", 2, 1], // c6, c7
      ["2026-03-30", 1, 1], // c2
    ]);
    expect(cohorts[1]?.paidByWeek).toEqual([1, 0, 0, 0]);
    expect(cohorts[2]).toMatchObject({ paidBefore: 1 });
    expect(cohorts[3]?.paidByWeek).toEqual([1, 0, 0, 0]);
  });
});

describe("every section splits by the group-by", () => {
  test("time to first payment per compared group, the rest as other, adding up to the total", async () => {
    const report = await getTimeToPayment({ ...MARCH, groupBy: "utm_source", groups: ["insta", null] });
    expect(report).toMatchObject({ groupBy: "utm_source", paidClients: 2, paidBeforeFirstMessage: 1, medianHours: 25 });
    expect(report.groups.map((g) => [g.key, g.other, g.paidClients, g.paidBeforeFirstMessage, g.medianHours])).toEqual([
      ["insta", false, 1, 0, 2], // c1: 2 h
      [null, false, 0, 1, null], // c3, c6 never paid; c7 paid before writing
      [null, true, 1, 0, 48], // "ads" folded into other: c2, 48 h
    ]);
    const bucket = (key: string) => report.groups.map((g) => g.buckets.find((b) => b.key === key)?.clients);
    expect(bucket("1h_1d")).toEqual([1, 0, 0]);
    expect(bucket("1d_3d")).toEqual([0, 0, 1]);
  });

  test("a compared group without payments is still listed, empty", async () => {
    const { groups } = await getTimeToPayment({ ...MARCH, groupBy: "bot", groups: ["beta", "alpha"] });
    expect(groups.map((g) => [g.key, g.other, g.paidClients])).toEqual([
      ["beta", false, 0],
      ["alpha", false, 2],
      [null, true, 0], // gamma: c7 paid before writing
    ]);
    expect(groups[2]?.paidBeforeFirstMessage).toBe(1);
  });

  test("weekly cohorts per group, the rest as other", async () => {
    const report = await getWeeklyCohorts({ ...MARCH, weeks: 4, groupBy: "utm_source", groups: ["insta", null] });
    const shape = (g: (typeof report.groups)[number]) => [
      g.key,
      g.other,
      g.cohorts.map((c) => [c.week, c.clients, c.paid, c.paidBefore]),
    ];
    expect(report.groups.map(shape)).toEqual([
      ["insta", false, [["2026-03-02", 1, 1, 0]]],
      [
        null,
        false,
        [
          ["2026-02-23", 1, 0, 0],
          ["2026-03-09", 2, 1, 1],
        ],
      ],
      [null, true, [["2026-03-30", 1, 1, 0]]],
    ]);
    expect(report.cohorts.map((c) => c.clients)).toEqual([1, 1, 2, 1]);
  });

  test("ungrouped reports have no groups", async () => {
    expect((await getTimeToPayment({ ...MARCH })).groups).toEqual([]);
    expect((await getWeeklyCohorts({ ...MARCH })).groups).toEqual([]);
  });

  test("by hub campaign: a client attributed after the rollup was built moves at the next read", async () => {
    const [campaign] = await db.$queryRawUnsafe<Array<{ id: string }>>(
      "INSERT INTO campaigns (name, bot, kind, start_code) VALUES ('Весна', 'alpha_bot', 'telegram_start', 'spring') RETURNING id::text AS id",
    );
    const id = campaign?.id ?? "";
    expect((await getFunnel({ ...MARCH, groupBy: "campaign" })).rows.map((r) => r.key)).toEqual([null]);
    await db.$executeRawUnsafe(
      `INSERT INTO campaign_clients (project_id, client_id, campaign_id, via) VALUES ('p1', 'c1', ${id}, 'start_param'), ('p1', 'c6', ${id}, 'start_param')`,
    );
    const { rows } = await getFunnel({ ...MARCH, groupBy: "campaign" });
    expect(rows).toEqual([
      { key: null, ...row(3, 2, 2, 2, 0, { USD: 200 }) },
      { key: id, ...row(2, 2, 2, 1, 1800) },
    ]);
    expect((await getTimeToPayment({ ...MARCH, groupBy: "campaign", groups: [id] })).groups[0]).toMatchObject({
      key: id,
      paidClients: 1,
      medianHours: 2,
    });
    expect(await groupLabels("campaign", [id, null], translator("ru"))).toEqual(new Map([[id, "Весна"]]));
    expect(await groupLabels("bot", ["alpha"], translator("ru"))).toEqual(new Map());
    // A VK bot is keyed by its community's number: named with the messenger its clients write from.
    await insertClient({ id: "vk1", bot: "212345678", messenger: "vk", first: "2025-01-10T10:00:00Z" });
    expect(await groupLabels("bot", ["alpha", "212345678", "999"], translator("ru"))).toEqual(
      new Map([
        ["212345678", "Бот ВКонтакте 212345678"],
        ["999", "Бот 999"],
      ]),
    );
  });

  test("by link source: unlinked clients are key null, and a link whose source changes moves at the next read", async () => {
    expect((await getFunnel({ ...MARCH, groupBy: "link_source" })).rows).toEqual([
      { key: "bot", ...row(4, 4, 4, 3, 1800, { USD: 200 }) },
      { key: null, ...row(1, 0, 0, 0, 0) },
    ]);
    await db.$executeRawUnsafe(
      `UPDATE links SET source = 'suggestion' WHERE project_id = 'p1' AND sb_client_id = 'c6'`,
    );
    expect((await getFunnel({ ...MARCH, groupBy: "link_source" })).rows).toEqual([
      { key: "bot", ...row(3, 3, 3, 3, 1800, { USD: 200 }) },
      { key: "suggestion", ...row(1, 1, 1, 0, 0) },
      { key: null, ...row(1, 0, 0, 0, 0) },
    ]);
  });
});
