import { expect, test } from "vitest";
import { LINK_ERROR_CODES } from "@/lib/linking/error-codes";
import { botLabel, errorCodeLabel } from "./codes";
import { translator } from "./messages";

test("every link error code has its own label in both languages, never the generic one", () => {
  for (const locale of ["ru", "en"] as const) {
    const t = translator(locale);
    const generic = errorCodeLabel(t, "something_new");
    const labels = LINK_ERROR_CODES.map((code) => errorCodeLabel(t, code));
    for (const [index, label] of labels.entries())
      expect(label, `${locale} ${LINK_ERROR_CODES[index]}`).not.toBe(generic);
    // The /failures code filter lists them side by side: no two may read the same.
    expect(new Set(labels).size).toBe(labels.length);
  }
  expect(errorCodeLabel(translator("ru"), "start_link_used")).toBe("Стартовая ссылка уже использована");
  expect(errorCodeLabel(translator("en"), "start_link_invalid")).toBe("Start link broken or forged");
});

test("a bot named by a number reads as a bot of its messenger; a username stays as it is", () => {
  const ru = translator("ru");
  const en = translator("en");
  expect(botLabel(ru, "212345678", "vk")).toBe("Бот ВКонтакте 212345678");
  expect(botLabel(en, "212345678", "vk")).toBe("VK bot 212345678");
  expect(botLabel(ru, "212345678", null)).toBe("Бот 212345678");
  expect(botLabel(ru, "school_main_bot", "telegram")).toBe("school_main_bot");
  expect(botLabel(ru, null, "vk")).toBeNull();
});
