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
  "connect.title": "Привязка аккаунта школы",
  "connect.intro": "Укажите e-mail, с которым вы зарегистрированы в школе, — мы свяжем его с вашим чатом в боте.",
  "connect.email": "E-mail",
  "connect.email.placeholder": "name@example.ru",
  "connect.email.invalid": "Это не похоже на e-mail. Проверьте адрес, например: name@example.ru",
  "connect.submit": "Связать",
  "connect.submitting": "Связываем…",
  "connect.result.linked.title": "Готово!",
  "connect.result.linked": "Готово! Ваш аккаунт связан с ботом. Можно закрыть эту страницу и вернуться в чат.",
  "connect.result.user_not_found": "Мы не нашли пользователя с таким e-mail в школе — проверьте адрес. Нужен тот e-mail, с которым вы регистрировались или покупали курс.",
  "connect.result.conflict": "Этот чат или этот e-mail уже связан с другим аккаунтом. Напишите в поддержку школы — там помогут.",
  "connect.result.pending.title": "Почти готово",
  "connect.result.pending": "Сервис временно недоступен, мы завершим привязку автоматически — больше ничего делать не нужно.",
  "connect.result.unavailable": "Сервис временно недоступен. Попробуйте ещё раз через несколько минут.",
  "connect.result.rate_limited": "Слишком много попыток. Попробуйте позже — примерно через {minutes} мин.",
  "connect.result.error": "Что-то пошло не так. Попробуйте позже или напишите в поддержку школы.",
  "connect.invalid.title": "Ссылка не работает",
  "connect.invalid.expired": "Срок действия этой ссылки истёк. Попросите у бота новую ссылку — это займёт пару секунд.",
  "connect.invalid.broken": "Ссылка повреждена или неполная. Попросите у бота новую ссылку и откройте её целиком.",
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
  "connect.title": "Connect your school account",
  "connect.intro": "Enter the e-mail you use at the school, and we will connect it to your chat with the bot.",
  "connect.email": "E-mail",
  "connect.email.placeholder": "name@example.com",
  "connect.email.invalid": "That does not look like an e-mail address. Please check it, e.g. name@example.com",
  "connect.submit": "Connect",
  "connect.submitting": "Connecting…",
  "connect.result.linked.title": "Done!",
  "connect.result.linked": "Done! Your account is connected to the bot. You can close this page and go back to the chat.",
  "connect.result.user_not_found": "We could not find a school user with this e-mail — please check the address. Use the e-mail you registered or bought the course with.",
  "connect.result.conflict": "This chat or this e-mail is already connected to another account. Please contact the school's support.",
  "connect.result.pending.title": "Almost done",
  "connect.result.pending": "The service is temporarily unavailable; we will finish connecting your account automatically, nothing else to do.",
  "connect.result.unavailable": "The service is temporarily unavailable. Please try again in a few minutes.",
  "connect.result.rate_limited": "Too many attempts. Please try again later, in about {minutes} min.",
  "connect.result.error": "Something went wrong. Please try again later or contact the school's support.",
  "connect.invalid.title": "This link does not work",
  "connect.invalid.expired": "This link has expired. Ask the bot for a new link; it only takes a moment.",
  "connect.invalid.broken": "This link is broken or incomplete. Ask the bot for a new link and open it in full.",
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
