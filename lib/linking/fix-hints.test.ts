import { expect, test } from "vitest";
import { translator } from "@/lib/i18n/messages";
import { LINK_ERROR_CODES } from "./codes";
import { fixFor, fixHint } from "./fix-hints";

const context = { fields: { telegram: "tg_custom", salebot: "sb_42_id" }, projectId: "42" };

test("every code has a hint in both languages, with no placeholder left", () => {
  for (const locale of ["ru", "en"] as const) {
    for (const code of LINK_ERROR_CODES) {
      const hint = fixHint(translator(locale), code, context);
      expect(hint.length, `${locale} ${code}`).toBeGreaterThan(40);
      expect(hint, `${locale} ${code}`).not.toMatch(/\{(telegramField|salebotField|projectId)\}/);
    }
  }
});

test("field hints name the configured fields", () => {
  expect(fixHint(translator("ru"), "field_telegram_id_not_found", context)).toContain("«tg_custom»");
  expect(fixHint(translator("ru"), "field_telegram_id_not_found", context)).toContain("Дополнительные поля");
  expect(fixHint(translator("en"), "field_salebot_id_not_found", context)).toContain("«sb_42_id»");
});

test("an unknown code still gets a hint; a conflict is fixed by relinking", () => {
  expect(fixHint(translator("en"), "something_new", context)).toMatch(/Unknown error code/);
  expect(fixFor("conflict")).toBe("relink");
  expect(fixFor("user_not_found")).toBe("retry");
});
