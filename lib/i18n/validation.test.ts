import { describe, expect, test } from "vitest";
import { forwardingSettingsSchema } from "@/lib/forwarding/settings";
import { forwardingInputFromForm } from "@/lib/settings/form-input";
import { translator } from "./messages";
import { validationText } from "./validation";

const ru = translator("ru");
const en = translator("en");

function forwardingError(fields: Record<string, string>) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const parsed = forwardingSettingsSchema.safeParse(forwardingInputFromForm(form));
  if (parsed.success) throw new Error("expected the form to be refused");
  return parsed.error;
}

// A form as the page sends it, with every field filled.
const valid = {
  maxAttempts: "8",
  "events.created.message": "gc_order_created",
  "events.paid.message": "gc_order_paid",
  "events.status_changed.message": "gc_order_status_changed",
  "activity.field": "last_bot_message_at",
};

describe("event forwarding's fields in the reader's words", () => {
  test.each(["0", "-3", "99999", "", "2.5", "abc"])("delivery attempts %j: the field and both bounds", (value) => {
    const error = forwardingError({ ...valid, maxAttempts: value });
    expect(validationText(ru, error)).toBe("Попыток доставки: от 1 до 20");
    expect(validationText(en, error)).toBe("Delivery attempts: from 1 to 20");
  });

  test("callback texts name their event; the activity field and the bot are named too", () => {
    const error = forwardingError({
      ...valid,
      botUsername: "@x",
      "events.paid.message": "a".repeat(256),
      "activity.field": " ",
    });
    expect(validationText(ru, error)).toBe(
      "Бот для tg_callback: нужно имя Telegram-бота, оканчивающееся на bot; " +
        "Текст callback «Заказ оплачен»: не длиннее 255 символов; " +
        "Поле GetCourse для активности: не может быть пустым",
    );
    expect(validationText(en, error)).toContain("Callback text for “Order paid”: at most 255 characters");
  });

  test("an empty callback text is empty, not too long", () => {
    const error = forwardingError({ ...valid, "events.created.message": " " });
    expect(validationText(ru, error)).toBe("Текст callback «Заказ создан»: не может быть пустым");
  });
});
