/**
 * GetCourse writes times three ways: Unix seconds (`ts64`), ISO instants, and "Y-m-d H:i:s" in
 * the account's time zone without saying which (exports, process placeholders). The last needs the
 * school's zone to become an instant.
 */

function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? "0");
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** A wall-clock time in `timeZone` as an instant. */
export function zonedTimeToUtc(fields: [number, number, number, number, number, number], timeZone: string): Date {
  const [year, month, day, hour, minute, second] = fields;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  // Two passes settle times next to a daylight-saving switch.
  const first = guess - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess - zoneOffsetMs(new Date(first), timeZone));
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const LOCAL_RU = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

function validDate(date: Date): Date | null {
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant from any of GetCourse's time forms; null when there is none or it cannot be read. */
export function parseGcTime(raw: unknown, timeZone: string): Date | null {
  if (raw instanceof Date) return validDate(raw);
  if (typeof raw === "number" || (typeof raw === "string" && /^\d{9,13}(\.\d+)?$/.test(raw.trim()))) {
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) return null;
    // Seconds (ts64) unless it is clearly milliseconds.
    return validDate(new Date(value < 1e11 ? value * 1000 : value));
  }
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (!text) return null;
  const iso = LOCAL_ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h = "0", mi = "0", s = "0"] = iso;
    return zonedTimeToUtc([Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)], timeZone);
  }
  const ru = LOCAL_RU.exec(text);
  if (ru) {
    const [, d, mo, y, h = "0", mi = "0", s = "0"] = ru;
    return zonedTimeToUtc([Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)], timeZone);
  }
  // Anything else with an explicit zone (ISO with Z or an offset).
  return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text) ? validDate(new Date(text)) : null;
}
