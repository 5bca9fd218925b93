import { defineMessages } from "../define";

/** The overview's search box and trends (its headline figures are in common.ts). */
export const overviewMessages = defineMessages({
  ru: {
    "overview.search": "Найти клиента",
    "overview.noTyping": "Связано без ввода e-mail",
    "overview.noTyping.of": "{count} из {total} связей за 7 дней: по персональной ссылке или подсказке",
    "overview.noTyping.none": "За 7 дней связей не было",
    "overview.noTyping.pending": "Подсказок ждут решения: {count}",
    "overview.search.placeholder": "Фамилия, имя, e-mail, @username или id",
    "overview.trends": "По дням за 30 дней",
    "overview.trends.links": "Новые связки",
    "overview.trends.links.note": "клиенты, связанные в этот день",
    "overview.trends.failures": "Ошибки связки",
    "overview.trends.failures.note": "попытки связки, которые не удались (как в «Ошибках»)",
    "overview.trends.revenue": "Выручка от связанных клиентов",
    "overview.trends.revenue.note":
      "оплаченные заказы связанных клиентов по дню оплаты; в сумме — цифра «Оплачено за 30 дней»",
    "overview.trends.total": "за 30 дней:",
    "overview.trends.day": "День",
  },
  en: {
    "overview.search": "Find a customer",
    "overview.noTyping": "Linked without typing",
    "overview.noTyping.of": "{count} of {total} links in 7 days: by a personal start link or a suggestion",
    "overview.noTyping.none": "No links in the last 7 days",
    "overview.noTyping.pending": "Suggestions waiting: {count}",
    "overview.search.placeholder": "Surname, name, e-mail, @username or id",
    "overview.trends": "Per day, last 30 days",
    "overview.trends.links": "New links",
    "overview.trends.links.note": "customers linked that day",
    "overview.trends.failures": "Link failures",
    "overview.trends.failures.note": "link attempts that did not succeed (as on Failures)",
    "overview.trends.revenue": "Revenue from linked customers",
    "overview.trends.revenue.note":
      "paid orders of linked customers by day of payment; they add up to the 30-day figure above",
    "overview.trends.total": "30 days:",
    "overview.trends.day": "Day",
  },
});
