import { expect, test } from "vitest";
import { translator } from "@/lib/i18n/messages";
import { LINK_ERROR_CODES } from "./codes";
import { fixFor, fixHint, hintTarget } from "./fix-hints";

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

test("a retry is offered only where it can work", () => {
  expect(fixFor("bad_request", context)).toBe("none");
  // A missing field: not before a field check has found it in the account.
  expect(fixFor("field_telegram_id_not_found", context, null)).toBe("fix_first");
  expect(
    fixFor("field_telegram_id_not_found", context, { checked: ["tg_custom", "sb_42_id"], missing: ["tg_custom"] }),
  ).toBe("fix_first");
  expect(fixFor("field_telegram_id_not_found", context, { checked: ["other"], missing: [] })).toBe("fix_first");
  expect(fixFor("field_telegram_id_not_found", context, { checked: ["tg_custom", "sb_42_id"], missing: [] })).toBe(
    "retry",
  );
  expect(
    fixFor("field_salebot_id_not_found", context, { checked: ["tg_custom", "sb_42_id"], missing: ["sb_42_id"] }),
  ).toBe("fix_first");
  expect(fixFor("gc_unavailable", context, null)).toBe("retry");
});

test("hints that send the reader to Settings link to the card they name", () => {
  for (const code of [
    "field_telegram_id_not_found",
    "field_salebot_id_not_found",
    "gc_unavailable",
    "gc_auth_failed",
  ]) {
    expect(fixHint(translator("en"), code, context)).toMatch(/Settings/);
    expect(hintTarget(code)?.href).toBe("/settings#getcourse");
  }
  expect(hintTarget("salebot_unavailable")?.href).toBe("/settings#salebot");
  // No hint points "below" or elsewhere without a target.
  for (const locale of ["ru", "en"] as const) {
    for (const code of LINK_ERROR_CODES) {
      const hint = fixHint(translator(locale), code, context);
      expect(hint, `${locale} ${code}`).not.toMatch(/below|ниже/i);
      if (/Settings|Настройк/.test(hint) && !/Salebot \(|проекта Salebot/.test(hint))
        expect(hintTarget(code), `${locale} ${code}`).not.toBeNull();
    }
  }
});

test("only a viewer who may relink is sent to the Relink button; others are told to ask an admin", () => {
  for (const code of ["conflict", "start_link_used"]) {
    const staff = fixHint(translator("ru"), code, context, { canRelink: false });
    expect(staff, code).not.toMatch(/«Перепривязать»|перепривяжите/);
    expect(staff, code).toMatch(/администратор/);
    expect(fixHint(translator("en"), code, context, { canRelink: false }), code).toMatch(/an admin/);
  }
  expect(fixHint(translator("ru"), "conflict", context, { canRelink: true })).toContain("«Перепривязать»");
  // Hints that need no relink read the same for everyone.
  expect(fixHint(translator("ru"), "user_not_found", context, { canRelink: false })).toBe(
    fixHint(translator("ru"), "user_not_found", context),
  );
});
