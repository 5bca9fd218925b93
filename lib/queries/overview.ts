import { SCHOOL_CURRENCY, moneyOf } from "@/lib/analytics/money";
import { addDays, todayIn } from "@/lib/analytics/period";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import { salebotSpoolDepth } from "@/lib/events/salebot-ingest";
import { Prisma } from "@/lib/generated/prisma/client";
import { checkDatabase } from "@/lib/health";
import { dayStart } from "./day-range";
import { failureGroups } from "./failures";
import { countPendingSuggestions } from "./suggestions";

/**
 * The overview's headline numbers. Each is one indexed count or a small aggregate (links.linked_at,
 * link_attempts(created_at) and (error_code, resolved_at), deliveries(status, next_attempt_at),
 * gc_orders.paid_at), so the page stays fast on a million rows. Days are the school's (TIME_ZONE).
 */

export const REVENUE_DAYS = 30;

export type Overview = {
  database: "ok" | "error";
  today: string;
  /** First day of the 7-day window (today included). */
  weekFrom: string;
  /** Every current link: the Salebot clients linked to a GetCourse user now (what /links lists). */
  linksTotal: number;
  linksToday: number;
  linksWeek: number;
  /** The week's links the customer made without typing an e-mail (start link or suggestion), and their share. */
  noTypingWeek: number;
  noTypingShare: number | null;
  pendingSuggestions: number;
  attemptsWeek: number;
  /** Successful share of the week's finished attempts (queued ones are still open); null without any. */
  successRate: number | null;
  openFailures: { code: string; count: number }[];
  openFailuresTotal: number;
  deliveriesPending: number;
  spoolDepth: number;
  revenue: {
    from: string;
    to: string;
    currency: string;
    amount: number;
    paidOrders: number;
    /** Other currencies, never converted. */
    others: { currency: string; amount: number; paidOrders: number }[];
  };
};

type RevenueRow = { currency: string; revenue: string | null; orders: number };

/**
 * Link sources that need no typing (issue 16): a personal start link (`deep_link`) and a confirmed
 * or automatic match (`suggestion`). Compared as text, so a source this build's enum lacks counts 0.
 */
export const NO_TYPING_SOURCES = ["deep_link", "suggestion"] as const;

async function noTypingLinks(since: Date): Promise<number> {
  const [row] = await db.$queryRaw<{ count: number }[]>(Prisma.sql`
    SELECT count(*)::int AS count FROM links WHERE linked_at >= ${since} AND source::text IN (${Prisma.join([...NO_TYPING_SOURCES])})`);
  return row?.count ?? 0;
}

/** A paid order (`o`) of a GC user (or e-mail) that has a link: the money the linking is about. */
export const LINKED_PAID_ORDER = Prisma.sql`o.paid
  AND (EXISTS (SELECT 1 FROM links l WHERE l.gc_user_id = o.gc_user_id) OR EXISTS (SELECT 1 FROM links l WHERE l.email = o.email))`;

async function linkedRevenue(from: Date, to: Date): Promise<RevenueRow[]> {
  return db.$queryRaw<RevenueRow[]>(Prisma.sql`
    SELECT o.currency, sum(coalesce(o.paid_amount, 0))::text AS revenue, count(*)::int AS orders
    FROM gc_orders o
    WHERE o.paid_at >= ${from} AND o.paid_at < ${to} AND ${LINKED_PAID_ORDER}
    GROUP BY o.currency`);
}

function emptyOverview(today: string, weekFrom: string, revenueFrom: string): Overview {
  return {
    database: "error",
    today,
    weekFrom,
    linksTotal: 0,
    linksToday: 0,
    linksWeek: 0,
    noTypingWeek: 0,
    noTypingShare: null,
    pendingSuggestions: 0,
    attemptsWeek: 0,
    successRate: null,
    openFailures: [],
    openFailuresTotal: 0,
    deliveriesPending: 0,
    spoolDepth: salebotSpoolDepth(),
    revenue: { from: revenueFrom, to: today, currency: SCHOOL_CURRENCY, amount: 0, paidOrders: 0, others: [] },
  };
}

export async function getOverview(now = new Date()): Promise<Overview> {
  const timeZone = getEnv().TIME_ZONE;
  const today = todayIn(timeZone, now);
  const weekFrom = addDays(today, -6);
  const revenueFrom = addDays(today, -(REVENUE_DAYS - 1));
  if ((await checkDatabase()) === "error") return emptyOverview(today, weekFrom, revenueFrom);

  const todayStart = dayStart(today, timeZone);
  const weekStart = dayStart(weekFrom, timeZone);
  const tomorrowStart = dayStart(addDays(today, 1), timeZone);
  const [
    linksTotal,
    linksToday,
    linksWeek,
    noTypingWeek,
    pendingSuggestions,
    outcomes,
    failures,
    deliveriesPending,
    revenueRows,
  ] = await Promise.all([
    // An index-only count (one row per link): tens of milliseconds on a million links.
    db.link.count(),
    db.link.count({ where: { linkedAt: { gte: todayStart } } }),
    db.link.count({ where: { linkedAt: { gte: weekStart } } }),
    noTypingLinks(weekStart),
    countPendingSuggestions(),
    db.linkAttempt.groupBy({ by: ["outcome"], where: { createdAt: { gte: weekStart } }, _count: { _all: true } }),
    failureGroups(),
    db.delivery.count({ where: { status: "pending" } }),
    linkedRevenue(dayStart(revenueFrom, timeZone), tomorrowStart),
  ]);

  const countOf = (outcome: string) => outcomes.find((row) => row.outcome === outcome)?._count._all ?? 0;
  const finished = countOf("success") + countOf("failed");
  const openFailures = failures.map(({ code, count }) => ({ code, count }));
  const revenue = revenueRows.map((row) => ({
    currency: row.currency,
    amount: moneyOf(row.revenue),
    paidOrders: row.orders,
  }));
  const school = revenue.find((row) => row.currency === SCHOOL_CURRENCY);

  return {
    database: "ok",
    today,
    weekFrom,
    linksTotal,
    linksToday,
    linksWeek,
    noTypingWeek,
    noTypingShare: linksWeek === 0 ? null : noTypingWeek / linksWeek,
    pendingSuggestions,
    attemptsWeek: outcomes.reduce((sum, row) => sum + row._count._all, 0),
    successRate: finished === 0 ? null : countOf("success") / finished,
    openFailures,
    openFailuresTotal: openFailures.reduce((sum, row) => sum + row.count, 0),
    deliveriesPending,
    spoolDepth: salebotSpoolDepth(),
    revenue: {
      from: revenueFrom,
      to: today,
      currency: SCHOOL_CURRENCY,
      amount: school?.amount ?? 0,
      paidOrders: school?.paidOrders ?? 0,
      others: revenue
        .filter((row) => row.currency !== SCHOOL_CURRENCY)
        .sort((a, b) => a.currency.localeCompare(b.currency)),
    },
  };
}
