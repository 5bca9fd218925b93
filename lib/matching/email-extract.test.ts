import { expect, test } from "vitest";
import { extractEmails } from "./email-extract";

test("an address in a sentence, lower-cased, without the punctuation around it", () => {
  expect(extractEmails("Моя почта: Anna.Petrova@Mail.ru, спасибо!")).toEqual(["anna.petrova@mail.ru"]);
});

test("several addresses, each once, in order", () => {
  expect(extractEmails("old: ivan@yandex.ru (не работает), new <ivan+school@gmail.com>. ivan@yandex.ru")).toEqual([
    "ivan@yandex.ru",
    "ivan+school@gmail.com",
  ]);
});

test("glued to Cyrillic words the address is still found", () => {
  expect(extractEmails("почта:anna@mail.ru.")).toEqual(["anna@mail.ru"]);
});

test("no address: a bare @username, a domain-less one, a double dot", () => {
  expect(extractEmails("пишите @anna_iv или anna@localhost или a..b@mail.ru")).toEqual([]);
  expect(extractEmails(null)).toEqual([]);
  expect(extractEmails("без почты")).toEqual([]);
});
