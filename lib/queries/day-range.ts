import { zonedTimeToUtc } from "@/lib/events/getcourse-time";

/** Midnight of a school-calendar day (YYYY-MM-DD) in UTC, `plusDays` later. */
export function dayStart(day: string, timeZone: string, plusDays = 0): Date {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  return zonedTimeToUtc([y, m, d + plusDays, 0, 0, 0], timeZone);
}

/**
 * A list's from/to days as a timestamp filter, both days included ("to" ends at the next
 * midnight); undefined when neither is set.
 */
export function withinDays(
  period: { from?: string; to?: string },
  timeZone: string,
): { gte?: Date; lt?: Date } | undefined {
  if (!period.from && !period.to) return undefined;
  return {
    ...(period.from ? { gte: dayStart(period.from, timeZone) } : {}),
    ...(period.to ? { lt: dayStart(period.to, timeZone, 1) } : {}),
  };
}
