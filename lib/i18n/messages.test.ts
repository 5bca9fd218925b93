import { expect, test } from "vitest";
import { isLocale, messages, translator } from "./messages";

test("every English message is filled in", () => {
  for (const [key, text] of Object.entries(messages.en)) expect(text, key).not.toBe("");
});

test("Russian is what the translator gives for ru", () => {
  expect(translator("ru")("nav.overview")).toBe("Сводка");
  expect(translator("en")("nav.overview")).toBe("Overview");
});

test("only known locales are accepted from a cookie", () => {
  expect(isLocale("en")).toBe(true);
  expect(isLocale("de")).toBe(false);
  expect(isLocale(undefined)).toBe(false);
});
