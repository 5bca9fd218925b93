import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { auditActionLabel, auditSentence, auditView } from "./audit-text";
import { formatsFor } from "./format";
import { translator } from "./messages";

const t = translator("ru");

test("an audit entry reads as a sentence, not as codes", () => {
  expect(
    auditSentence(t, { actorEmail: "admin@school.ru", action: "link.relink", target: "client:100001:2000149" }),
  ).toBe("admin@school.ru: перепривязка клиента — клиент Salebot 2000149 (проект 100001)");
  expect(auditSentence(t, { actorEmail: null, action: "user.invite", target: "user:1" })).toBe(
    "система: приглашение пользователя — пользователь №1",
  );
  expect(
    auditSentence(t, { actorEmail: "a@b.ru", action: "failure.retry_all", target: "code:user_not_found" }),
  ).toContain("Пользователь не найден в GetCourse");
  expect(auditActionLabel(t, "something.new")).toBe("Другое действие");
  expect(auditActionLabel(t, "user.password_change")).toBe("смена своего пароля");
  expect(auditActionLabel(translator("en"), "user.password_change")).toBe("own password change");
});

test("every action the hub records has its own label", () => {
  const files = readdirSync(path.resolve("lib"), { recursive: true, encoding: "utf8" })
    .map((file) => path.join("lib", file))
    .concat(
      readdirSync(path.resolve("app"), { recursive: true, encoding: "utf8" }).map((file) => path.join("app", file)),
    )
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file) && !file.includes("generated"));
  const actions = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("recordAudit(")) continue;
    // `action: archived ? "campaign.archive" : "campaign.unarchive"` names two.
    for (const match of text.matchAll(/\baction: ([^,\n]+)/g))
      for (const name of (match[1] ?? "").matchAll(/"([a-z_]+\.[a-z_.]+)"/g)) actions.add(name[1] ?? "");
  }
  expect(actions.size).toBeGreaterThan(10);
  for (const action of actions) expect(auditActionLabel(t, action), action).not.toBe("Другое действие");
});

const format = formatsFor("ru");
const view = (action: string, before: unknown, after: unknown, target: string | null = null) =>
  auditView(t, format, { actorEmail: "admin@school.ru", action, target, before, after });
const rows = (parts: { label: string | null; before: string; after: string }[]) =>
  parts.map((part) => `${part.label}: ${part.before} → ${part.after}`);
const facts = (parts: { label: string | null; value: string }[]) => parts.map((part) => `${part.label}: ${part.value}`);

/** What the page prints for an entry, to check it holds no JSON and no bare "— → —". */
function printed(entry: ReturnType<typeof view>): string {
  return [
    entry.sentence,
    ...facts(entry.facts),
    ...rows(entry.changes),
    ...entry.writes.map((w) => `${w.system} ${w.who} ${w.field}: ${w.before} → ${w.after}`),
  ].join("\n");
}

const EMAIL = "sergey.popova.1@yandex.ru";
// As link.relink records it: the client had no link, the e-mail was linked to client 2000118.
const RELINK = {
  before: {
    client: null,
    email: {
      sbClientId: "2000118",
      email: EMAIL,
      telegramId: "555",
      gcUserId: "9001",
      source: "bot",
      linkedAt: "2026-11-30T10:00:00.000Z",
    },
  },
  after: {
    link: { sbClientId: "2900005", email: EMAIL, telegramId: "1884531620", gcUserId: "9001", source: "admin" },
    changes: [
      { system: "gc", target: EMAIL, field: "telegram_id", before: null, after: "1884531620" },
      { system: "gc", target: EMAIL, field: "salebot_id", before: "2000118", after: "2900005" },
      { system: "salebot", target: "client 2900005", field: "email", before: null, after: EMAIL },
      { system: "salebot", target: "client 2000118", field: "gc_user_id", before: "9001", after: null },
      { system: "hub", target: "client 2000118", field: "link", before: EMAIL, after: null },
      { system: "hub", target: "client 2900005", field: "link", before: null, after: EMAIL },
    ],
  },
};

test("a relink reads as the client's link before and after, with its writes as rows", () => {
  const entry = view("link.relink", RELINK.before, RELINK.after, "client:100001:2900005");
  expect(entry.sentence).toBe("admin@school.ru: перепривязка клиента — клиент Salebot 2900005 (проект 100001)");
  expect(entry.facts).toEqual([]);
  // The e-mail was added to the client: "— → e-mail", not the other way round.
  expect(rows(entry.changes)).toEqual([
    `E-mail клиента: — → ${EMAIL}`,
    "Пользователь GetCourse: — → 9001",
    "Telegram ID: — → 1884531620",
    "Клиент Salebot с этим e-mail: 2000118 → 2900005",
    "Источник связи: — → администратор",
  ]);
  expect(entry.writes).toEqual([
    { system: "GetCourse", who: EMAIL, field: "поле «telegram_id»", before: "—", after: "1884531620" },
    { system: "GetCourse", who: EMAIL, field: "поле «salebot_id»", before: "2000118", after: "2900005" },
    { system: "Salebot", who: "клиент Salebot 2900005", field: "переменная «email»", before: "—", after: EMAIL },
    { system: "Salebot", who: "клиент Salebot 2000118", field: "переменная «gc_user_id»", before: "9001", after: "—" },
    { system: "Хаб", who: "клиент Salebot 2000118", field: "связь", before: EMAIL, after: "—" },
    { system: "Хаб", who: "клиент Salebot 2900005", field: "связь", before: "—", after: EMAIL },
  ]);
  expect(printed(entry)).not.toMatch(/[{}[\]"]|— → —/);

  const english = auditView(translator("en"), formatsFor("en"), {
    actorEmail: null,
    action: "link.relink",
    target: "client:100001:2900005",
    ...RELINK,
  });
  expect(english.changes[0]).toMatchObject({ label: "Client's e-mail", before: "—", after: EMAIL });
  expect(english.writes[2]).toMatchObject({ who: "Salebot client 2900005", field: "variable “email”" });
});

test("a relink that moves the client from one e-mail keeps only what changed", () => {
  const old = { sbClientId: "7", email: "old@x.ru", telegramId: "11", gcUserId: "1", source: "bot" };
  const entry = view(
    "link.relink",
    { client: old, email: null },
    { link: { ...old, email: "new@x.ru", gcUserId: "2", source: "admin" }, changes: [] },
  );
  expect(rows(entry.changes)).toEqual([
    "E-mail клиента: old@x.ru → new@x.ru",
    "Пользователь GetCourse: 1 → 2",
    "Источник связи: бот → администратор",
  ]);
  expect(entry.writes).toEqual([]);
});

test("an unlink lists the removed link's values as removed", () => {
  const entry = view("link.unlink", { sbClientId: "7", email: "a@b.ru", telegramId: null, source: "bot" }, null);
  expect(rows(entry.changes)).toEqual(["E-mail: a@b.ru → —", "Клиент Salebot: 7 → —", "Источник связи: бот → —"]);
});

test("a new campaign lists its fields in words; archiving shows the date", () => {
  const created = view(
    "campaign.create",
    null,
    // In the order PostgreSQL gives jsonb keys back (by length), not the order they were written.
    {
      bot: "school_bot",
      kind: "telegram_start",
      name: "Осень",
      utmTerm: null,
      startCode: "autumn",
      utmMedium: "cpc",
      utmSource: "vk",
      utmContent: null,
      salebotLink: null,
      utmCampaign: "autumn",
    },
    "campaign:3",
  );
  expect(created.sentence).toBe("admin@school.ru: создание кампании — кампания №3");
  expect(created.changes).toEqual([]);
  expect(facts(created.facts)).toEqual([
    "Название: Осень",
    "Бот: school_bot",
    "Вид: Telegram t.me/…?start=",
    "Код старта: autumn",
    "utm_source: vk",
    "utm_medium: cpc",
    "utm_campaign: autumn",
  ]);
  const archived = view("campaign.archive", { archivedAt: null }, { archivedAt: "2026-12-06T09:30:00.000Z" });
  expect(archived.sentence).toContain("кампания в архив");
  expect(rows(archived.changes)).toEqual(["В архиве с: — → 06.12.2026, 12:30"]);
  expect(view("campaign.unarchive", null, null).sentence).toContain("кампания из архива");
});

test("a failure retry names the failure as facts and changes only the error", () => {
  const before = { errorCode: "user_not_found", email: "no.such.customer@example.org", sbClientId: "2900004" };
  const failed = view("failure.retry", before, { outcome: "failed", errorCode: "user_not_found", queued: false });
  // Same error again: nothing changed, so no "X → —" row reads as deleted data.
  expect(failed.changes).toEqual([]);
  expect(facts(failed.facts)).toEqual([
    "E-mail: no.such.customer@example.org",
    "Клиент Salebot: 2900004",
    "Итог: ошибка",
    "В очереди: нет",
  ]);
  const other = view("failure.retry", before, { outcome: "failed", errorCode: "conflict", queued: true });
  expect(rows(other.changes)).toEqual(["Ошибка: Пользователь не найден в GetCourse → Конфликт связей"]);
  const linked = view("failure.retry", before, { outcome: "linked" });
  expect(facts(linked.facts)).toEqual([
    "Ошибка: Пользователь не найден в GetCourse",
    "E-mail: no.such.customer@example.org",
    "Клиент Salebot: 2900004",
    "Итог: связан",
  ]);
  expect(printed(linked)).not.toContain("→ —");
});

test("a dismissed failure shows the status change and the reason", () => {
  const entry = view(
    "failure.dismiss",
    { errorCode: "conflict", email: "a@b.ru", sbClientId: "5", status: "open" },
    { status: "dismissed", reason: "тестовый e-mail" },
    "attempt:12",
  );
  expect(entry.sentence).toBe("admin@school.ru: ошибка связки закрыта без повтора — попытка №12");
  expect(rows(entry.changes)).toEqual(["Статус: открыта → отклонено"]);
  expect(facts(entry.facts)).toEqual([
    "Ошибка: Конфликт связей",
    "E-mail: a@b.ru",
    "Клиент Salebot: 5",
    "Причина: тестовый e-mail",
  ]);
});

test("settings changes use the Settings page's words, nested parts each on a row", () => {
  const forwarding = view(
    "settings.update",
    { maxAttempts: 8, events: { paid: { enabled: true, message: "gc_order_paid" } } },
    { maxAttempts: 5, events: { paid: { enabled: false, message: "paid" } } },
    "forwarding",
  );
  expect(forwarding.sentence).toBe("admin@school.ru: изменение настроек — пересылка событий в Salebot");
  expect(rows(forwarding.changes)).toEqual([
    "Попыток доставки: 8 → 5",
    "Заказ оплачен: пересылать: да → нет",
    "Заказ оплачен: Текст callback: gc_order_paid → paid",
  ]);
  const integrations = view(
    "settings.update",
    { "getcourse.unknownEmail": "refuse", "salebot.1.apiKey": null, "getcourse.accountUrl": "https://a.ru" },
    { "getcourse.unknownEmail": "create", "salebot.1.apiKey": "ab…yz", "getcourse.accountUrl": "https://a.ru" },
    "integrations",
  );
  expect(rows(integrations.changes)).toEqual([
    "Если e-mail нет в GetCourse: Отказать → Создать пользователя",
    "Salebot, проект 2: Ключ API: — → ab…yz",
  ]);
  const matching = view("settings.update", { autoLinkPhone: false }, { autoLinkPhone: true }, "matching");
  expect(matching.changes[0]?.label).toContain("телефону");
  const token = view("settings.rotate_token", { link: null }, { link: "ab…yz" }, "token:link");
  expect(token.sentence).toBe("admin@school.ru: замена токена — Токен связки");
  expect(rows(token.changes)).toEqual(["Токен связки: — → ab…yz"]);
});

test("user invites and role changes read in words", () => {
  const invite = view("user.invite", null, { email: "new@school.ru", role: "marketer" }, "user:4");
  expect(invite.sentence).toBe("admin@school.ru: приглашение пользователя — пользователь №4");
  expect(facts(invite.facts)).toEqual(["E-mail: new@school.ru", "Роль: маркетолог"]);
  const role = view("user.role_change", { email: "a@b.ru", role: "staff" }, { role: "admin" });
  expect(facts(role.facts)).toEqual(["E-mail: a@b.ru"]);
  expect(rows(role.changes)).toEqual(["Роль: сотрудник → администратор"]);
  expect(view("user.deactivate", { email: "a@b.ru", active: true }, { active: false }).sentence).toContain(
    "отключение пользователя",
  );
});

test("suggestion decisions read in words", () => {
  const confirmed = view(
    "suggestion.confirm",
    { status: "pending" },
    { status: "linked", sbClientId: "2000049", email: "m@b.ru", matchedBy: "phone", gcUserId: "501" },
    "suggestion:9",
  );
  expect(rows(confirmed.changes)).toEqual(["Статус: ждёт решения → связано"]);
  expect(facts(confirmed.facts)).toEqual([
    "E-mail: m@b.ru",
    "Клиент Salebot: 2000049",
    "Пользователь GetCourse: 501",
    "Совпадение по: телефон",
  ]);
  const failed = view("suggestion.confirm", { status: "pending" }, { status: "failed", error: "conflict" });
  expect(facts(failed.facts)).toEqual(["Ошибка: Конфликт связей"]);
  const dismissed = view(
    "suggestion.dismiss",
    { status: "pending" },
    { status: "dismissed", reason: "другой человек", sbClientId: "7", value: "+79990001122" },
  );
  expect(rows(dismissed.changes)).toEqual(["Статус: ждёт решения → отклонено"]);
  expect(facts(dismissed.facts)).toEqual([
    "Клиент Salebot: 7",
    "Совпавшее значение: +79990001122",
    "Причина: другой человек",
  ]);
});

test("bulk start-link writes and imports read in words", () => {
  const write = view("start_links.write_all", null, { total: 12 }, "backfill:1");
  expect(write.sentence).toBe("admin@school.ru: запись стартовых ссылок в GetCourse — запись стартовых ссылок №1");
  expect(facts(write.facts)).toEqual(["Всего: 12"]);
  const backfill = view("backfill.start", null, { from: "2026-11-01", to: "2026-11-30" }, "backfill:2");
  expect(backfill.sentence).toContain("импорт №2");
  expect(facts(backfill.facts)).toEqual(["С: 2026-11-01", "По: 2026-11-30"]);
  expect(facts(view("delivery.retry", { status: "dead", attempts: 8 }, { queued: true }).facts)).toEqual([
    "Статус: не доставлено",
    "Попыток: 8",
    "В очереди: да",
  ]);
});

test("an unknown action or shape falls back to words, never JSON", () => {
  const entry = view(
    "robot.dance",
    { mood: { level: 3, tags: ["a", "b"] } },
    { mood: { level: 4, tags: ["a"] }, note: { email: "x@y.ru" }, list: [{ email: "p@q.ru" }, { kind: "paid" }] },
    "stage",
  );
  expect(entry.sentence).toBe("admin@school.ru: другое действие «robot.dance» — stage");
  expect(entry.changes).toEqual([
    { field: "mood.level", label: null, before: "3", after: "4" },
    { field: "mood.tags", label: null, before: "a; b", after: "a" },
  ]);
  expect(entry.facts).toEqual([
    { field: "note", label: null, value: "x@y.ru" },
    { field: "list", label: null, value: "p@q.ru; Вид: Заказ оплачен" },
  ]);
  expect(printed(entry)).not.toMatch(/[{}"]/);
  // A relink row of an unexpected shape reads as facts too.
  expect(printed(view("link.relink", "odd", { changes: [{ system: "gc", field: "f" }] }))).not.toMatch(/[{}"]/);
});
