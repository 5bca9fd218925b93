import { defineMessages } from "../define";

export const connectMessages = defineMessages({
  ru: {
    "connect.title": "Привязка аккаунта школы",
    "connect.intro": "Укажите e-mail, с которым вы зарегистрированы в школе, — мы свяжем его с вашим чатом в боте.",
    "connect.email": "E-mail",
    "connect.email.placeholder": "name@example.ru",
    "connect.email.invalid": "Это не похоже на e-mail. Проверьте адрес, например: name@example.ru",
    "connect.submit": "Связать",
    "connect.submitting": "Связываем…",
    "connect.result.accepted.title": "Спасибо!",
    "connect.result.accepted":
      "Если этот e-mail есть в школе, ваш чат будет связан с аккаунтом в течение минуты. Можно закрыть эту страницу и вернуться в чат.",
    "connect.code.title": "Проверьте почту",
    "connect.code.intro": "Мы отправили код на {email}. Введите его, чтобы подтвердить, что это ваш e-mail.",
    "connect.code": "Код из письма",
    "connect.code.submit": "Подтвердить",
    "connect.result.wrong_code": "Код не подходит. Проверьте его в письме и введите ещё раз.",
    "connect.result.code_expired":
      "Код устарел или попыток было слишком много. Укажите e-mail ещё раз — мы пришлём новый код.",
    "connect.result.linked.title": "Готово!",
    "connect.result.linked": "Готово! Ваш аккаунт связан с ботом. Можно закрыть эту страницу и вернуться в чат.",
    "connect.result.user_not_found":
      "Мы не нашли пользователя с таким e-mail в школе — проверьте адрес. Нужен тот e-mail, с которым вы регистрировались или покупали курс.",
    "connect.result.conflict":
      "Этот чат или этот e-mail уже связан с другим аккаунтом. Напишите в поддержку школы — там помогут.",
    "connect.result.pending.title": "Почти готово",
    "connect.result.pending":
      "Сервис временно недоступен, мы завершим привязку автоматически — больше ничего делать не нужно.",
    "connect.result.unavailable": "Сервис временно недоступен. Попробуйте ещё раз через несколько минут.",
    "connect.result.rate_limited": "Слишком много попыток. Попробуйте позже — примерно через {minutes} мин.",
    "connect.result.error": "Что-то пошло не так. Попробуйте позже или напишите в поддержку школы.",
    "connect.invalid.title": "Ссылка не работает",
    "connect.invalid.expired":
      "Срок действия этой ссылки истёк. Попросите у бота новую ссылку — это займёт пару секунд.",
    "connect.invalid.broken": "Ссылка повреждена или неполная. Попросите у бота новую ссылку и откройте её целиком.",
  },
  en: {
    "connect.title": "Connect your school account",
    "connect.intro": "Enter the e-mail you use at the school, and we will connect it to your chat with the bot.",
    "connect.email": "E-mail",
    "connect.email.placeholder": "name@example.com",
    "connect.email.invalid": "That does not look like an e-mail address. Please check it, e.g. name@example.com",
    "connect.submit": "Connect",
    "connect.submitting": "Connecting…",
    "connect.result.accepted.title": "Thank you!",
    "connect.result.accepted":
      "If this e-mail belongs to a school account, your chat will be connected to it within a minute. You can close this page and go back to the chat.",
    "connect.code.title": "Check your e-mail",
    "connect.code.intro": "We sent a code to {email}. Enter it to confirm this e-mail is yours.",
    "connect.code": "Code from the e-mail",
    "connect.code.submit": "Confirm",
    "connect.result.wrong_code": "This code does not match. Check the e-mail and enter it again.",
    "connect.result.code_expired":
      "The code has expired or was tried too often. Enter your e-mail again and we will send a new code.",
    "connect.result.linked.title": "Done!",
    "connect.result.linked":
      "Done! Your account is connected to the bot. You can close this page and go back to the chat.",
    "connect.result.user_not_found":
      "We could not find a school user with this e-mail — please check the address. Use the e-mail you registered or bought the course with.",
    "connect.result.conflict":
      "This chat or this e-mail is already connected to another account. Please contact the school's support.",
    "connect.result.pending.title": "Almost done",
    "connect.result.pending":
      "The service is temporarily unavailable; we will finish connecting your account automatically, nothing else to do.",
    "connect.result.unavailable": "The service is temporarily unavailable. Please try again in a few minutes.",
    "connect.result.rate_limited": "Too many attempts. Please try again later, in about {minutes} min.",
    "connect.result.error": "Something went wrong. Please try again later or contact the school's support.",
    "connect.invalid.title": "This link does not work",
    "connect.invalid.expired": "This link has expired. Ask the bot for a new link; it only takes a moment.",
    "connect.invalid.broken": "This link is broken or incomplete. Ask the bot for a new link and open it in full.",
  },
});
