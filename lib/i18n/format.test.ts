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

test("one money rule: single amounts exact, sums and averages in whole units, currencies by their sign", () => {
  const ru = formatsFor("ru");
  expect(ru.money(59000, "RUB")).toBe("59\u00a0000\u00a0₽");
  expect(ru.money("59000.00", "RUB")).toBe("59\u00a0000\u00a0₽");
  // Kopecks always as two digits, never "1 990,5".
  expect(ru.money("1990.5", "RUB")).toBe("1\u00a0990,50\u00a0₽");
  expect(ru.money(1990.004, "RUB")).toBe("1\u00a0990\u00a0₽");
  expect(ru.moneyTotal(18373.24, "RUB")).toBe("18\u00a0373\u00a0₽");
  expect(ru.moneyTotal("824670.00", "RUB")).toBe("824\u00a0670\u00a0₽");
  expect(ru.moneyTotal(18556.5, "RUB")).toBe("18\u00a0557\u00a0₽");
  // ₸ like € and $, not "KZT" beside them.
  expect(ru.moneyTotal(130500, "KZT")).toBe("130\u00a0500\u00a0₸");
  expect(ru.moneyTotal(360, "EUR")).toBe("360\u00a0€");
  expect(ru.moneyTotal(817, "USD")).toBe("817\u00a0$");
  expect(ru.money(100, "бонусы")).toBe("100 бонусы");
  expect(ru.money(99.9, "бонусы")).toBe("99,90 бонусы");
  expect(ru.money("abc", "RUB")).toBe("abc RUB");
  const en = formatsFor("en");
  expect(en.money(59000, "RUB")).toBe("₽59,000");
  expect(en.moneyTotal(130500.4, "KZT")).toBe("₸130,500");
  expect(en.money(19.9, "USD")).toBe("$19.90");
});

test("a calendar day reads like every other date, in any zone", () => {
  expect(formatsFor("ru", "America/New_York").day("2026-11-02")).toBe("02.11.2026");
  expect(formatsFor("ru", "Asia/Tokyo").day("2026-11-02")).toBe("02.11.2026");
  expect(formatsFor("en", "UTC").day("2026-11-02")).toBe("02/11/2026");
  expect(formatsFor("ru").day(null)).toBe("—");
  expect(formatsFor("ru").day("week 45")).toBe("week 45");
});

test("CSV timestamps carry the school's offset", () => {
  expect(isoInZone(AT, "Europe/Moscow")).toBe("2026-03-02T01:30:05+03:00");
  expect(isoInZone(AT, "UTC")).toBe("2026-03-01T22:30:05+00:00");
  expect(isoInZone(new Date("2026-07-01T12:00:00.900Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
});
