import { db } from "@/lib/db";
import { utcDay } from "./call-counter";

/** One UTC day of Salebot API calls for a project: all of them, and the first-sight `get_variables` ones. */
export type SalebotUsageDay = { day: string; calls: number; getVariables: number };

export type SalebotUsage = { days: SalebotUsageDay[]; total: number; getVariablesTotal: number };

/** The last `days` UTC days, today first, days without calls included as zeros. */
export async function salebotUsage(projectId: string, days: number, now: Date = new Date()): Promise<SalebotUsage> {
  const today = new Date(`${utcDay(now)}T00:00:00Z`);
  const since = new Date(today.getTime() - (days - 1) * 86_400_000);
  const rows = await db.salebotApiCallDay.findMany({
    where: { projectId, day: { gte: since } },
    select: { day: true, action: true, calls: true },
  });
  const byDay = new Map<string, SalebotUsageDay>();
  for (let i = 0; i < days; i++) {
    const day = utcDay(new Date(today.getTime() - i * 86_400_000));
    byDay.set(day, { day, calls: 0, getVariables: 0 });
  }
  for (const row of rows) {
    const entry = byDay.get(utcDay(row.day));
    if (!entry) continue;
    entry.calls += row.calls;
    if (row.action === "get_variables") entry.getVariables += row.calls;
  }
  const list = [...byDay.values()];
  return {
    days: list,
    total: list.reduce((sum, day) => sum + day.calls, 0),
    getVariablesTotal: list.reduce((sum, day) => sum + day.getVariables, 0),
  };
}
