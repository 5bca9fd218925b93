import { defineMessages } from "../define";

// The Settings card on Salebot API usage (issue 12): calls per day and the first-sight get_variables fetch.
export const salebotUsageMessages = defineMessages({
  ru: {
    "sbUsage.title": "Вызовы Salebot API",
    "sbUsage.note":
      "Salebot засчитывает вызовы API в лимит тарифа проекта. Здесь — сколько запросов хаб отправил в Salebot за последние дни (по UTC, с повторами после сбоев), всего и отдельно get_variables. Официального описания лимита в документации Salebot нет; по наблюдениям пользователей, в лимит сообщений тарифа идёт каждый вызов API, кроме save_variables (github.com/mityalenshin/salebot-broadcaster-public, SALEBOT_MONITOR_SETUP.md).",
    "sbUsage.notConfigured": "Salebot не настроен: счётчик начнёт работать после сохранения ключа и номера проекта.",
    "sbUsage.project": "Проект",
    "sbUsage.day": "День (UTC)",
    "sbUsage.calls": "Всего вызовов",
    "sbUsage.getVariables": "из них get_variables",
    "sbUsage.total": "Итого",
    "sbUsage.fetch.label":
      "Загружать переменные каждого нового клиента (get_variables): 1 вызов Salebot API на клиента",
    "sbUsage.fetch.note":
      "Хаб один раз запрашивает переменные каждого впервые увиденного клиента Salebot, чтобы взять UTM-метки и кампанию. Каждый такой запрос — один вызов API в лимит тарифа Salebot. За последние 7 дней: {count}. Если выключить, новые клиенты останутся без UTM из переменных; при повторном включении хаб загрузит и тех, кто появился за это время.",
  },
  en: {
    "sbUsage.title": "Salebot API calls",
    "sbUsage.note":
      "Salebot counts API calls against the project's plan. This is how many requests the hub sent to Salebot over the last days (UTC days, retries after failures included), in all and get_variables alone. Salebot's docs do not describe the quota; users report that every API call except save_variables counts against the plan's message quota (github.com/mityalenshin/salebot-broadcaster-public, SALEBOT_MONITOR_SETUP.md).",
    "sbUsage.notConfigured": "Salebot is not configured: counting starts once the key and project id are saved.",
    "sbUsage.project": "Project",
    "sbUsage.day": "Day (UTC)",
    "sbUsage.calls": "Calls",
    "sbUsage.getVariables": "of them get_variables",
    "sbUsage.total": "Total",
    "sbUsage.fetch.label": "Fetch the variables of every new client (get_variables): 1 Salebot API call per client",
    "sbUsage.fetch.note":
      "The hub asks Salebot once for the variables of every client it sees for the first time, to take UTM tags and the campaign from them. Each such request is one API call against the Salebot plan. Last 7 days: {count}. Turned off, new clients get no UTM tags from their variables; turned on again, the hub also fetches the clients met meanwhile.",
  },
});
