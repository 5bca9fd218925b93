import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { auditActionLabel, auditChanges, auditSentence } from "./audit-text";
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
    for (const match of text.matchAll(/\baction: "([a-z_]+\.[a-z_.]+)"/g)) actions.add(match[1] ?? "");
  }
  expect(actions.size).toBeGreaterThan(10);
  for (const action of actions) expect(auditActionLabel(t, action), action).not.toBe("Другое действие");
});

test("before and after become rows of words", () => {
  expect(auditChanges(t, { email: "a@b.ru", role: "staff" }, { role: "marketer" })).toEqual([
    { field: "email", label: "E-mail", before: "a@b.ru", after: "—" },
    { field: "role", label: "Роль", before: "сотрудник", after: "маркетолог" },
  ]);
  expect(auditChanges(t, { errorCode: "conflict" }, { outcome: "failed", queued: false })).toEqual([
    { field: "errorCode", label: "Ошибка", before: "Конфликт связей", after: "—" },
    { field: "outcome", label: "Итог", before: "—", after: "ошибка" },
    { field: "queued", label: "В очереди", before: "—", after: "нет" },
  ]);
  expect(auditChanges(t, { client: { email: "x@y.ru", sbClientId: "7" } }, null)).toEqual([
    { field: "client", label: "Связь клиента", before: "x@y.ru", after: "—" },
  ]);
});

test("suggestion decisions and bulk start-link writes read in words", () => {
  expect(
    auditChanges(
      t,
      { status: "pending" },
      { status: "linked", gcUserId: "501", matchedBy: "phone", error: "conflict" },
    ),
  ).toEqual([
    { field: "status", label: "Статус", before: "ждёт решения", after: "связано" },
    { field: "gcUserId", label: "Пользователь GetCourse", before: "—", after: "501" },
    { field: "matchedBy", label: "Совпадение по", before: "—", after: "телефон" },
    { field: "error", label: "Ошибка", before: "—", after: "Конфликт связей" },
  ]);
  expect(auditChanges(t, null, { value: "+79990001122", total: 12 }).map((change) => change.label)).toEqual([
    "Совпавшее значение",
    "Всего",
  ]);
  expect(auditSentence(t, { actorEmail: "a@b.ru", action: "start_links.write_all", target: "backfill:1" })).toBe(
    "a@b.ru: запись стартовых ссылок в GetCourse — запись стартовых ссылок №1",
  );
  expect(auditSentence(t, { actorEmail: "a@b.ru", action: "backfill.start", target: "backfill:2" })).toContain(
    "импорт №2",
  );
});
