import { expect, test } from "vitest";
import { dayIn, formatsFor, isoInZone } from "./format";

const AT = new Date("2026-03-01T22:30:05Z");

test("dates and times are the school's, not the server's", () => {
  const ru = formatsFor("ru", "Europe/Moscow");
  expect(ru.dateTime(AT)).toBe("02.03.2026, 01:30");
  expect(ru.dateTimeSeconds(AT.toISOString())).toBe("02.03.2026, 01:30:05");
  expect(ru.date(AT)).toBe("02.03.2026");
  expect(ru.date(null)).toBe("—");
  expect(formatsFor("en", "UTC").dateTime(AT)).toBe("01/03/2026, 22:30");
  expect(dayIn("Europe/Moscow", AT)).toBe("2026-03-02");
  expect(dayIn("UTC", AT)).toBe("2026-03-01");
});

test("one money format: grouped, the currency sign, kopecks only when there are some", () => {
  const ru = formatsFor("ru");
  expect(ru.money(59000, "RUB")).toBe("59\u00a0000\u00a0₽");
  expect(ru.money("59000.00", "RUB")).toBe("59\u00a0000\u00a0₽");
  expect(ru.money("1990.5", "RUB")).toBe("1\u00a0990,5\u00a0₽");
  expect(ru.money(100, "бонусы")).toBe("100 бонусы");
  expect(formatsFor("en").money(59000, "RUB")).toBe("RUB\u00a059,000");
});

test("CSV timestamps carry the school's offset", () => {
  expect(isoInZone(AT, "Europe/Moscow")).toBe("2026-03-02T01:30:05+03:00");
  expect(isoInZone(AT, "UTC")).toBe("2026-03-01T22:30:05+00:00");
  expect(isoInZone(new Date("2026-07-01T12:00:00.900Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
});
