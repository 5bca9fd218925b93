import { describe, expect, test } from "vitest";
import { cleanValue, normaliseCurrency, normaliseStatus, parseMoney } from "./getcourse-values";
import { parseGcTime } from "./getcourse-time";

describe("cleanValue", () => {
  test.each([
    ["", null],
    ["   ", null],
    ["{object.user.email}", null],
    ["{object.cost_money_value}", null],
    ["{object.created_at format='Y-m-d'}", null],
    ["null", null],
    [undefined, null],
    [{}, null],
    [" a@b.ru ", "a@b.ru"],
    [14900, "14900"],
  ])("%j → %j", (raw, expected) => {
    expect(cleanValue(raw)).toBe(expected);
  });
});

describe("parseMoney", () => {
  test.each([
    [14900, "14900.00", null],
    [149.5, "149.50", null],
    ["1500", "1500.00", null],
    ["1 500.00 руб.", "1500.00", "RUB"],
    ["14 900 руб.", "14900.00", "RUB"],
    ["12 000,00", "12000.00", null],
    ["12\u00a0000,50", "12000.50", null],
    ["1,500.50 USD", "1500.50", "USD"],
    ["1.500.000", "1500000.00", null],
    ["1,500", "1500.00", null],
    ["99,9", "99.90", null],
    ["0 руб.", "0.00", "RUB"],
    ["€ 20", "20.00", "EUR"],
    ["5 000 тенге", "5000.00", "KZT"],
    ["100 бел. руб.", "100.00", "BYN"],
    ["-100", "-100.00", null],
  ])("%j → %s %s", (raw, amount, currency) => {
    expect(parseMoney(raw)).toEqual({ amount, currency });
  });

  test("empty and placeholder values are missing, words are not money", () => {
    expect(parseMoney("")).toBeNull();
    expect(parseMoney("{object.payed_money}")).toBeNull();
    expect(parseMoney(null)).toBeNull();
    expect(parseMoney("бесплатно")).toBeUndefined();
    expect(parseMoney(Number.NaN)).toBeUndefined();
  });
});

describe("normaliseStatus", () => {
  test.each([
    ["payed", "payed"],
    [" PAYED ", "payed"],
    ["Завершен", "payed"],
    ["Завершён", "payed"],
    ["Частично оплачен", "part_payed"],
    ["Отменен", "cancelled"],
    ["Ложный", "false"],
    ["false", "false"],
    ["Ожидаем возврата", "waiting_for_return"],
    ["canceled", "cancelled"],
    ["{object.status}", null],
    ["", null],
    ["something custom", "something custom"],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseStatus(raw)).toBe(expected);
  });
});

describe("normaliseCurrency", () => {
  test.each([
    ["rub", "RUB"],
    ["USD", "USD"],
    ["руб.", "RUB"],
    ["", null],
    ["{object.currency}", null],
  ])("%j → %j", (raw, expected) => {
    expect(normaliseCurrency(raw)).toBe(expected);
  });
});

describe("parseGcTime", () => {
  const zone = "Europe/Moscow";
  test("ts64 seconds, milliseconds, ISO and account-local forms", () => {
    expect(parseGcTime(1768467822, zone)?.toISOString()).toBe("2026-01-15T09:03:42.000Z");
    expect(parseGcTime("1768467822", zone)?.toISOString()).toBe("2026-01-15T09:03:42.000Z");
    expect(parseGcTime(1768467822000, zone)?.toISOString()).toBe("2026-01-15T09:03:42.000Z");
    expect(parseGcTime("2026-01-15T09:00:00Z", zone)?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(parseGcTime("2026-01-15 12:00:00", zone)?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(parseGcTime("15.01.2026 12:00", zone)?.toISOString()).toBe("2026-01-15T09:00:00.000Z");
    expect(parseGcTime("2026-07-01 12:00:00", "Europe/Berlin")?.toISOString()).toBe("2026-07-01T10:00:00.000Z");
    expect(parseGcTime("2026-01-15", "UTC")?.toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });

  test("unreadable times are missing", () => {
    expect(parseGcTime("yesterday", zone)).toBeNull();
    expect(parseGcTime(null, zone)).toBeNull();
    expect(parseGcTime(0, zone)).toBeNull();
  });
});
