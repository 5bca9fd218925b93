import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { getOverview } from "./overview";
import { getOverviewTrends } from "./overview-trends";

// Noon in Moscow (TIME_ZONE default Europe/Moscow, UTC+3) on 2026-11-30.
const NOW = new Date("2026-11-30T09:00:00Z");
const P = "920";

beforeAll(async () => {
  await db.link.createMany({
    data: [
      // 22:30 UTC on the 28th is 01:30 on the 29th in Moscow.
      {
        projectId: P,
        sbClientId: "1",
        email: "a@example.com",
        gcUserId: "g1",
        source: "bot",
        linkedAt: new Date("2026-11-28T22:30:00Z"),
      },
      {
        projectId: P,
        sbClientId: "2",
        email: "b@example.com",
        source: "form",
        linkedAt: new Date("2026-11-29T10:00:00Z"),
      },
      {
        projectId: P,
        sbClientId: "3",
        email: "c@example.com",
        source: "bot",
        linkedAt: new Date("2026-11-30T08:00:00Z"),
      },
      // Outside the 30 days.
      {
        projectId: P,
        sbClientId: "4",
        email: "d@example.com",
        source: "bot",
        linkedAt: new Date("2026-10-31T12:00:00Z"),
      },
    ],
  });
  const attempt = (requestId: string, outcome: "success" | "failed" | "queued", createdAt: string) => ({
    requestId,
    projectId: P,
    source: "bot" as const,
    outcome,
    errorCode: outcome === "success" ? null : "gc_user_not_found",
    durationMs: 5,
    input: {},
    createdAt: new Date(createdAt),
  });
  await db.linkAttempt.createMany({
    data: [
      attempt("r1", "failed", "2026-11-30T06:00:00Z"),
      attempt("r2", "queued", "2026-11-30T07:00:00Z"),
      attempt("r3", "success", "2026-11-30T07:30:00Z"),
      attempt("r4", "failed", "2026-11-02T12:00:00Z"),
    ],
  });
  const order = (
    dealId: string,
    fields: {
      gcUserId?: string;
      email?: string;
      paidAmount: string;
      currency?: string;
      paidAt: string;
      paid?: boolean;
    },
  ) => ({
    dealId,
    gcUserId: fields.gcUserId,
    email: fields.email,
    paid: fields.paid ?? true,
    paidAmount: fields.paidAmount,
    currency: fields.currency ?? "RUB",
    paidAt: new Date(fields.paidAt),
  });
  await db.gcOrder.createMany({
    data: [
      order("d1", { gcUserId: "g1", paidAmount: "1000.50", paidAt: "2026-11-29T12:00:00Z" }),
      order("d2", { email: "b@example.com", paidAmount: "2000", paidAt: "2026-11-29T13:00:00Z" }),
      // Not counted: nobody linked, another currency, not paid.
      order("d3", { email: "stranger@example.com", paidAmount: "9999", paidAt: "2026-11-29T12:00:00Z" }),
      order("d4", { gcUserId: "g1", paidAmount: "50", currency: "USD", paidAt: "2026-11-29T12:00:00Z" }),
      order("d5", { gcUserId: "g1", paidAmount: "70", paid: false, paidAt: "2026-11-29T12:00:00Z" }),
    ],
  });
});

describe("getOverviewTrends", () => {
  test("30 school days ending today, zeros where nothing happened", async () => {
    const trends = await getOverviewTrends(NOW);
    expect(trends).toMatchObject({ from: "2026-11-01", to: "2026-11-30", currency: "RUB" });
    expect(trends.days).toHaveLength(30);
    expect(trends.days[0]).toEqual({ day: "2026-11-01", links: 0, failures: 0, revenue: 0 });
  });

  test("links, failures (any outcome but success) and linked revenue per day in the school's time zone", async () => {
    const byDay = new Map((await getOverviewTrends(NOW)).days.map((day) => [day.day, day]));
    expect(byDay.get("2026-11-28")).toEqual({ day: "2026-11-28", links: 0, failures: 0, revenue: 0 });
    expect(byDay.get("2026-11-29")).toEqual({ day: "2026-11-29", links: 2, failures: 0, revenue: 3000.5 });
    expect(byDay.get("2026-11-30")).toEqual({ day: "2026-11-30", links: 1, failures: 2, revenue: 0 });
    expect(byDay.get("2026-11-02")?.failures).toBe(1);
  });

  test("the days add up to the overview's 30-day revenue", async () => {
    const [trends, overview] = await Promise.all([getOverviewTrends(NOW), getOverview(NOW)]);
    const total = trends.days.reduce((sum, day) => sum + day.revenue, 0);
    expect(total).toBe(overview.revenue.amount);
    expect(overview.revenue).toMatchObject({ from: trends.from, to: trends.to });
  });

  test("the total of linked customers counts every current link, whenever it was made", async () => {
    const overview = await getOverview(NOW);
    expect(overview.linksTotal).toBe(await db.link.count());
    expect(overview.linksTotal).toBeGreaterThan(overview.linksWeek);
  });
});
