import { expect, test } from "vitest";
import { interpolate } from "./interpolate";

const ORDERS =
  "{count, plural, one {# оплаченный заказ} few {# оплаченных заказа} many {# оплаченных заказов} other {# оплаченного заказа}}";

test("Russian plurals follow Intl.PluralRules", () => {
  expect(interpolate(ORDERS, { count: 1 }, "ru-RU")).toBe("1 оплаченный заказ");
  expect(interpolate(ORDERS, { count: 42 }, "ru-RU")).toBe("42 оплаченных заказа");
  expect(interpolate(ORDERS, { count: 11 }, "ru-RU")).toBe("11 оплаченных заказов");
  expect(interpolate(ORDERS, { count: 25 }, "ru-RU")).toBe("25 оплаченных заказов");
  expect(interpolate(ORDERS, { count: 1.5 }, "ru-RU")).toBe("1,5 оплаченного заказа");
});

test("numbers are formatted for the locale, text is left alone, a missing value stays visible", () => {
  expect(interpolate("{name}: {count}", { name: "a{b}", count: 59000 }, "ru-RU")).toBe("a{b}: 59\u00a0000");
  expect(interpolate("{count, plural, =0 {none} one {# order} other {# orders}}", { count: 0 }, "en-GB")).toBe("none");
  expect(interpolate("{count, plural, one {# order} other {# orders}}", { count: 1200 }, "en-GB")).toBe("1,200 orders");
  expect(interpolate("Page {page} of {pages}", { page: 2 }, "en-GB")).toBe("Page 2 of {pages}");
});
