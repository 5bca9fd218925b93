import { expect, test } from "vitest";
import { csvCell, csvLine, csvSeparator } from "./csv";

test.each([
  ["=1+2", "'=1+2"],
  ["+79001234567", "'+79001234567"],
  ["-5", "'-5"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tcmd", "'\tcmd"],
  ["\rcmd", `"'\rcmd"`],
  ["plain", "plain"],
  ["Анна, Москва", `"Анна, Москва"`],
  ['say "hi"', `"say ""hi"""`],
  ["two\nlines", `"two\nlines"`],
])("text %j is written %j", (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test("numbers, flags and empties are ours and stay as they are", () => {
  expect(csvCell(-150.5)).toBe("-150.5");
  expect(csvCell(true)).toBe("true");
  expect(csvCell(null)).toBe("");
  expect(csvCell(undefined)).toBe("");
});

test("the separator decides what needs quotes", () => {
  expect(csvSeparator("semicolon")).toBe(";");
  expect(csvSeparator(null)).toBe(",");
  expect(csvLine(["a;b", "c,d", 1], ";")).toBe(`"a;b";c,d;1\r\n`);
  expect(csvLine(["a;b", "c,d", 1])).toBe(`a;b,"c,d",1\r\n`);
});
