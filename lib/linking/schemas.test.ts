import { expect, test } from "vitest";
import { linkRequestSchema } from "./schemas";

test("normalises the seed's fields", () => {
  expect(linkRequestSchema.parse({ email: "  Anna@Example.RU ", telegram_id: " 123456789 ", sb_id: 42 })).toEqual({
    email: "anna@example.ru",
    telegramId: "123456789",
    sbClientId: "42",
  });
});

test("a missing Telegram id is allowed (VK and WhatsApp clients have none)", () => {
  expect(linkRequestSchema.parse({ email: "a@b.ru", telegram_id: "", sb_id: "7" }).telegramId).toBeNull();
  expect(linkRequestSchema.parse({ email: "a@b.ru", sb_id: "7" }).telegramId).toBeNull();
});

test.each([
  [{ email: "", telegram_id: "1", sb_id: "1" }, "email"],
  [{ email: "not-an-email", telegram_id: "1", sb_id: "1" }, "email"],
  [{ email: "a@b.ru", telegram_id: "12ab", sb_id: "1" }, "telegram_id"],
  [{ email: "a@b.ru", telegram_id: "1" }, "sb_id"],
  [{ email: "a@b.ru", telegram_id: "1", sb_id: "-5" }, "sb_id"],
  [{ email: ["a@b.ru"], telegram_id: "1", sb_id: "1" }, "email"],
  // Longer than mail allows: it would otherwise reach the attempt log's e-mail index and fail there.
  [{ email: `${"a".repeat(250)}@b.ru`, telegram_id: "1", sb_id: "1" }, "email"],
])("rejects %o naming %s", (input, field) => {
  const result = linkRequestSchema.safeParse(input);
  expect(result.success).toBe(false);
  expect(result.error?.issues[0]?.path[0]).toBe(field);
});
