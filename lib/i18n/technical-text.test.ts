import { describe, expect, test } from "vitest";
import { translator } from "./messages";
import { readTechnicalText, translateTechnicalText } from "./technical-text";
import { validationText } from "./validation";
import { integrationSettingsInputSchema } from "@/lib/settings/integration-settings";
import { backfillRangeSchema } from "@/lib/events/getcourse-backfill";

const ru = translator("ru");
const en = translator("en");

describe("the hub's own English sentences in the reader's words", () => {
  test("known sentences, with their values", () => {
    expect(translateTechnicalText(ru, "GetCourse has no user with this e-mail.")).toBe(
      "В GetCourse нет пользователя с этим e-mail.",
    );
    expect(translateTechnicalText(ru, "Salebot answered HTTP 503 (after 2 tries).")).toBe(
      "Salebot ответил HTTP 503 (после 2 попыток).",
    );
    expect(translateTechnicalText(ru, "anna@example.ru is already linked to Salebot client 77.")).toBe(
      "anna@example.ru уже связан с клиентом Salebot 77.",
    );
    expect(
      translateTechnicalText(ru, "GetCourse answered HTTP 502 (after 2 tries). Gave up after 24 hours of retries."),
    ).toBe("GetCourse ответил HTTP 502 (после 2 попыток). Повторы прекращены через 24 часа.");
    expect(translateTechnicalText(ru, "no deal id: none of deal_id, order_id, id, deal.id was sent")).toBe(
      "В запросе нет ID заказа.",
    );
    expect(translateTechnicalText(en, "Salebot did not answer within 10 s.")).toBe(
      "Salebot did not answer within 10 s.",
    );
  });

  test("an unlink's warnings: the sentence translated, the outside cause left to the detail", () => {
    const warning =
      "Salebot variables of client 9200021 were not cleared: salebot: save_variables answered HTTP 200: client_not_found";
    expect(translateTechnicalText(ru, warning)).toBe("Переменные Salebot клиента 9200021 не очищены.");
    expect(
      translateTechnicalText(ru, "GetCourse fields of anna@example.ru were not cleared: GetCourse answered HTTP 502."),
    ).toBe("Поля GetCourse пользователя anna@example.ru не очищены.");
  });

  test("start-link refusals (lib/linking/start-link/redeem.ts) in both languages", () => {
    expect(translateTechnicalText(ru, "This start link was already used by Salebot client 9001.")).toBe(
      "Эту стартовую ссылку уже нажали из другого чата (клиент Salebot 9001).",
    );
    expect(translateTechnicalText(ru, "The start code's signature does not match: it was altered or made up.")).toMatch(
      /подделали/,
    );
    expect(translateTechnicalText(ru, "The start code is broken (cut off, too long or wrongly spelt).")).toMatch(
      /повреждён/,
    );
    expect(translateTechnicalText(ru, "The start code was made for Salebot project 888, not 100001.")).toBe(
      "Стартовый код выпущен для проекта Salebot 888, а не 100001.",
    );
    expect(translateTechnicalText(en, "This start link was already used by Salebot client 9001.")).toMatch(
      /another chat/,
    );
  });

  test("the review's examples: values filled in, a service's words kept apart", () => {
    expect(translateTechnicalText(ru, "deal id «<script>»: must be a numeric GetCourse deal id")).toBe(
      "ID заказа «<script>» — не число: GetCourse присылает числовой ID заказа.",
    );
    expect(readTechnicalText(ru, "Relink: x@y.ru is already linked to Salebot client 2000118.")).toEqual({
      translated: "Перепривязка не выполнена: x@y.ru уже связан с клиентом Salebot 2000118.",
      serviceAnswer: null,
    });
    expect(readTechnicalText(ru, "getcourse: HTTP 502 from https://school.example/pl/api/users")).toEqual({
      translated: "GetCourse ответил HTTP 502.",
      serviceAnswer: null,
    });
    expect(readTechnicalText(ru, "Unexpected answer from GetCourse: result.user_id is missing.")).toEqual({
      translated: "Непонятный ответ GetCourse.",
      serviceAnswer: "result.user_id is missing.",
    });
  });

  test("an outside service's own text is not recognised (it stays a folded detail)", () => {
    expect(translateTechnicalText(ru, "sendMessage answered HTTP 400: chat not found")).toBeNull();
    expect(translateTechnicalText(ru, "")).toBeNull();
    expect(translateTechnicalText(ru, null)).toBeNull();
  });
});

describe("validation issues in the reader's words", () => {
  test("Settings fields by their labels, never zod's English", () => {
    const parsed = integrationSettingsInputSchema.safeParse({
      getcourse: { accountUrl: "ftp://x" },
      salebot: { projectId: "abc" },
    });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const text = validationText(ru, parsed.error);
    expect(text).toBe(
      "Адрес аккаунта: нужен адрес, начинающийся с http:// или https://; ID проекта: только цифры (числовой ID проекта Salebot)",
    );
    expect(text).not.toMatch(/must|Invalid/);
    expect(validationText(en, parsed.error)).toContain(
      "Account URL: an address starting with http:// or https:// is needed",
    );
  });

  test("the import's dates", () => {
    const parsed = backfillRangeSchema.safeParse({ from: "2026-02-01", to: "2026-01-01" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(validationText(ru, parsed.error)).toBe("По: дата «по» раньше даты «с»");
    const bad = backfillRangeSchema.safeParse({ from: "01.02.2026", to: "2026-01-01" });
    if (!bad.success) expect(validationText(ru, bad.error)).toBe("С: нужна дата в виде ГГГГ-ММ-ДД");
  });
});
