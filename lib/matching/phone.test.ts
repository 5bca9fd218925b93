import { describe, expect, test } from "vitest";
import { findPhones, normalisePhone } from "./phone";

describe("normalisePhone", () => {
  test.each([
    ["+7 900 123-45-67", "+79001234567"],
    ["8 (900) 123-45-67", "+79001234567"],
    ["89001234567", "+79001234567"],
    ["79001234567", "+79001234567"],
    ["9001234567", "+79001234567"],
    ["79001234567@s.whatsapp.net", "+79001234567"],
    ["79001234567@c.us", "+79001234567"],
    ["+380 44 123 4567", "+380441234567"],
    ["0049 30 1234567", "+49301234567"],
    ["+7 900 123-45-67 доб. 12", "+79001234567"],
    [79001234567, "+79001234567"],
  ])("%s → %s", (raw, expected) => {
    expect(normalisePhone(raw)).toBe(expected);
  });

  test.each([
    ["12345"],
    ["anna@mail.ru"],
    ["Анна"],
    [""],
    ["1234567890123456"],
    ["0123456789"],
    [null],
    [undefined],
    ["79001234567abc"],
  ])("%s is no phone", (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  test("an 8 before a foreign-length number is kept as it is", () => {
    expect(normalisePhone("8123456789012")).toBe("+8123456789012");
  });
});

describe("findPhones", () => {
  test("phones written in a message, each once", () => {
    expect(findPhones("мой номер 8 900 123-45-67, а рабочий +7 (495) 765-43-21; ещё раз 89001234567")).toEqual([
      "+79001234567",
      "+74957654321",
    ]);
  });

  test("order numbers, dates and ids inside words are not phones", () => {
    expect(findPhones("заказ 12345, оплатил 06.12.2026, id123456789012")).toEqual([]);
  });

  test("nothing in an empty message", () => {
    expect(findPhones(null)).toEqual([]);
    expect(findPhones("")).toEqual([]);
  });
});
