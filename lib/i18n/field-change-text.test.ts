import { expect, test } from "vitest";
import { fieldWriteText } from "./field-change-text";
import { translator } from "./messages";

test("a relink's field write names the client, the field and the values in words", () => {
  const t = translator("ru");
  expect(
    fieldWriteText(t, {
      system: "salebot",
      target: "client 2900005",
      field: "gc_user_id",
      before: null,
      after: null,
      pending: true,
    }),
  ).toEqual({
    system: "Salebot",
    who: "клиент Salebot 2900005",
    field: "переменная «gc_user_id»",
    before: "—",
    after: "(узнаем при записи)",
  });
  expect(
    fieldWriteText(t, { system: "hub", target: "2000118", field: "link", before: "a@b.ru", after: null }),
  ).toMatchObject({
    system: "Хаб",
    who: "клиент Salebot 2000118",
    field: "связь",
  });
  // A GetCourse target is the user's e-mail, even one made only of digits.
  expect(
    fieldWriteText(translator("en"), { system: "gc", target: "123", field: "telegram_id", before: "1", after: "2" }),
  ).toEqual({ system: "GetCourse", who: "123", field: "field “telegram_id”", before: "1", after: "2" });
});
