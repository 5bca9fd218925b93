/**
 * Every string the UI shows. Russian is the default; English mirrors its keys, and the type
 * makes a missing translation a compile error.
 */
const ru = {
  "app.name": "Связка Salebot ⇄ GetCourse",
  "app.tagline": "Связи клиентов, события и сквозная аналитика",
  "nav.overview": "Сводка",
  "nav.links": "Связанные клиенты",
  "nav.failures": "Ошибки",
  "nav.deliveries": "Доставки",
  "nav.analytics": "Аналитика",
  "nav.campaigns": "Кампании",
  "nav.settings": "Настройки",
  "nav.users": "Пользователи",
  "nav.audit": "Журнал действий",
  "locale.switch": "English",
  "overview.title": "Сводка",
  "overview.subtitle": "Состояние связки и её данных",
  "overview.database": "База данных",
  "overview.database.ok": "работает",
  "overview.database.error": "недоступна",
  "overview.links": "Связанных клиентов",
  "overview.attempts": "Попыток связки",
  "overview.failures": "Открытых ошибок",
  "overview.clients": "Клиентов Salebot",
  "overview.orders": "Заказов GetCourse",
  "overview.empty": "Пока нет данных: связки появятся, когда бот вызовет /api/link.",
} as const;

export type MessageKey = keyof typeof ru;

const en: Record<MessageKey, string> = {
  "app.name": "Salebot ⇄ GetCourse hub",
  "app.tagline": "Customer links, events and end-to-end analytics",
  "nav.overview": "Overview",
  "nav.links": "Linked users",
  "nav.failures": "Failures",
  "nav.deliveries": "Deliveries",
  "nav.analytics": "Analytics",
  "nav.campaigns": "Campaigns",
  "nav.settings": "Settings",
  "nav.users": "Users",
  "nav.audit": "Audit log",
  "locale.switch": "Русский",
  "overview.title": "Overview",
  "overview.subtitle": "The state of the hub and its data",
  "overview.database": "Database",
  "overview.database.ok": "up",
  "overview.database.error": "unreachable",
  "overview.links": "Linked customers",
  "overview.attempts": "Link attempts",
  "overview.failures": "Open failures",
  "overview.clients": "Salebot clients",
  "overview.orders": "GetCourse orders",
  "overview.empty": "No data yet: links appear once a bot calls /api/link.",
};

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "locale";

export const messages: Record<Locale, Record<MessageKey, string>> = { ru, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

export type Translate = (key: MessageKey) => string;

export function translator(locale: Locale): Translate {
  return (key) => messages[locale][key];
}
