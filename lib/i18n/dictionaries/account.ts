import { defineMessages } from "../define";

/** The account page (/account): everyone's own password. */
export const accountMessages = defineMessages({
  ru: {
    "nav.account": "Мой аккаунт",
    "account.title": "Мой аккаунт",
    "account.required":
      "Вы вошли с временным паролем. Придумайте свой пароль — до этого остальные страницы недоступны.",
    "account.password.title": "Пароль",
    "account.password.note":
      "После смены пароля все другие ваши сеансы (другие браузеры и устройства) завершатся; этот останется.",
    "account.password.current": "Текущий пароль",
    "account.password.currentOneTime": "Временный пароль",
    "account.password.next": "Новый пароль (не короче 8 символов)",
    "account.password.repeat": "Новый пароль ещё раз",
    "account.password.submit": "Сменить пароль",
    "account.done": "Пароль изменён. Другие сеансы завершены.",
    "account.error.wrong_current": "Текущий пароль неверен.",
    "account.error.mismatch": "Новые пароли не совпадают.",
    "account.error.too_short": "Новый пароль короче 8 символов.",
    "account.error.too_long": "Новый пароль длиннее 72 байт.",
    "account.error.unchanged": "Новый пароль совпадает с текущим.",
  },
  en: {
    "nav.account": "My account",
    "account.title": "My account",
    "account.required": "You signed in with a temporary password. Choose your own; the other pages open after that.",
    "account.password.title": "Password",
    "account.password.note":
      "Changing the password ends your other sessions (other browsers and devices); this one stays.",
    "account.password.current": "Current password",
    "account.password.currentOneTime": "Temporary password",
    "account.password.next": "New password (8 characters or more)",
    "account.password.repeat": "New password again",
    "account.password.submit": "Change password",
    "account.done": "Password changed. Your other sessions are ended.",
    "account.error.wrong_current": "The current password is wrong.",
    "account.error.mismatch": "The new passwords differ.",
    "account.error.too_short": "The new password is shorter than 8 characters.",
    "account.error.too_long": "The new password is longer than 72 bytes.",
    "account.error.unchanged": "The new password is the current one.",
  },
});
