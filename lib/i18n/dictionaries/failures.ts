import { defineMessages } from "../define";

/**
 * The Failures page. Fix hints name the configured GetCourse fields through placeholders
 * ({telegramField}, {salebotField}, {projectId}); lib/linking/fix-hints.ts fills them in.
 */
export const failuresMessages = defineMessages({
  ru: {
    "failures.title": "Ошибки связки",
    "failures.subtitle": "Неудачные попытки связать клиента Salebot с пользователем GetCourse, по кодам ошибок",
    "failures.tab.open": "Открытые",
    "failures.tab.history": "История",
    "failures.groups.empty": "Открытых ошибок нет.",
    "failures.group.count": "Открытых: {count}",
    "failures.group.show": "Показать",
    "failures.group.retryAll": "Повторить все ({count})",
    "failures.group.relinkHint":
      "Повтор не поможет: нужна ручная перепривязка (кнопка «Перепривязать» в строке ошибки в таблице ниже).",
    "failures.group.relinkHint.notAdmin": "Повтор не поможет: нужна ручная перепривязка, её делает администратор.",
    "failures.group.fixFirst":
      "Повтор пока не поможет: сначала создайте поле «{field}» в GetCourse и нажмите «Проверить подключение» в карточке GetCourse в Настройках. Когда проверка найдёт поле, здесь появится «Повторить».",
    "failures.group.noRetry":
      "Повтор не поможет: бот прислал неверные данные. Исправьте блок в Salebot — клиент пришлёт их заново.",
    "failures.group.noRetry.startLink":
      "Повтор не поможет: связать может только нажатие верной стартовой ссылки самим клиентом (или ручная перепривязка).",
    "failures.filter.code": "Код",
    "failures.filter.any": "все",
    "failures.filter.search": "E-mail или id клиента",
    "failures.filter.from": "С",
    "failures.filter.to": "По",
    "failures.filter.apply": "Показать",
    "failures.filter.reset": "Сбросить",
    "failures.column.time": "Когда",
    "failures.column.code": "Код",
    "failures.column.email": "E-mail",
    "failures.column.client": "Клиент Salebot",
    "failures.column.source": "Источник",
    "failures.column.detail": "Подробности",
    "failures.column.status": "Статус",
    "failures.column.actions": "Действия",
    "failures.status.open": "открыта",
    "failures.status.queued": "в очереди",
    "failures.status.resolved": "решена",
    "failures.action.retry": "Повторить",
    "failures.action.relink": "Перепривязать",
    "failures.action.csv": "Скачать CSV",
    "failures.result.linked": "Готово: клиент связан, ошибка закрыта.",
    "failures.result.failed":
      "Снова не получилось ({code}). Ошибка осталась одна, с новым результатом и числом повторов. Что сделать: {hint}",
    "failures.result.queued": "GetCourse недоступен — попытка поставлена в очередь.",
    "failures.result.queuedAll":
      "Поставлено в очередь: {count}. Ошибки исчезают из списка по мере выполнения — обновите страницу.",
    "failures.result.queuedNone":
      "Ничего не поставлено в очередь: открытых ошибок с этим кодом уже нет. Обновите страницу.",
    "failures.result.queuedNone.unreadable":
      "Ничего не поставлено в очередь: запрос {count} ошибок не удалось прочитать, повтор невозможен. Закройте их с причиной.",
    "failures.result.nothing": "Нечего повторять: ошибка уже закрыта.",
    "failures.error.conflict": "Конфликт не повторяют: перепривяжите клиента вручную.",
    "failures.error.not_found": "Попытка не найдена.",
    "failures.error.unreadable": "Входные данные этой попытки не читаются; повтор невозможен.",
    "failures.hint.bad_request":
      "Бот прислал неполные данные. В блоке Salebot, который вызывает /api/link, передайте email, telegram_id и sb_id (#{client_id}) и проверьте, что e-mail введён целиком.",
    "failures.hint.user_not_found":
      "В GetCourse нет пользователя с таким e-mail. Проверьте адрес на опечатки (Пользователи → поиск по e-mail) или создайте пользователя в GetCourse, затем нажмите «Повторить».",
    "failures.hint.field_telegram_id_not_found":
      "В GetCourse: Профиль → Дополнительные поля → создайте поле пользователя «{telegramField}» (тип «Строка»). Если поле уже есть, проверьте точное название и что это поле пользователя, а не заказа. Затем в Настройках, в карточке GetCourse, нажмите «Проверить подключение»: когда поле найдено, здесь можно нажать «Повторить все».",
    "failures.hint.field_salebot_id_not_found":
      "В GetCourse: Профиль → Дополнительные поля → создайте поле пользователя «{salebotField}» (тип «Строка») для проекта Salebot {projectId}. Название должно совпадать точно. Затем в Настройках, в карточке GetCourse, нажмите «Проверить подключение»: когда поле найдено, здесь можно нажать «Повторить все».",
    "failures.hint.gc_unavailable":
      "GetCourse не ответил вовремя или вернул ошибку 5xx/429. Связка повторяется автоматически 24 часа; если GetCourse уже работает, нажмите «Повторить все». Проверьте адрес аккаунта в Настройках, в карточке GetCourse.",
    "failures.hint.gc_auth_failed":
      "GetCourse отклонил ключ. В GetCourse: Профиль → Настройки аккаунта → API: скопируйте ключ (и токен Tech API — «Разработчикам» → Ключи API) в Настройки хаба, карточка GetCourse; проверьте, что тариф включает API. Затем нажмите «Повторить все».",
    "failures.hint.salebot_unavailable":
      "GetCourse уже записан, не удалось записать переменные email и gc_user_id в Salebot. Хаб повторяет это сам; проверьте API-ключ проекта Salebot {projectId} (Настройки проекта → API) и нажмите «Повторить».",
    "failures.hint.conflict":
      "Клиент Salebot уже связан с другим e-mail, или этот e-mail — с другим клиентом. Автоматика связку не переносит: откройте «Перепривязать», проверьте, кто есть кто, и подтвердите перенос.",
    "failures.hint.conflict.notAdmin":
      "Клиент Salebot уже связан с другим e-mail, или этот e-mail — с другим клиентом. Автоматика связку не переносит, а переносит её администратор: передайте ему e-mail и клиента Salebot из строки ошибки и скажите, кто есть кто.",
    "failures.hint.internal_error":
      "Неожиданный ответ GetCourse или ошибка хаба. Найдите запрос в логах по request id из строки, затем нажмите «Повторить»; если повторяется — сообщите разработчикам.",
    "failures.hint.start_link_used":
      "Эту персональную стартовую ссылку уже нажали из другого чата, и клиент связан с тем чатом. Повторять нечего: спросите клиента, какой чат его (ссылку могли переслать), и при необходимости перепривяжите вручную.",
    "failures.hint.start_link_used.notAdmin":
      "Эту персональную стартовую ссылку уже нажали из другого чата, и клиент связан с тем чатом. Повторять нечего: спросите клиента, какой чат его (ссылку могли переслать); если связку нужно перенести, попросите администратора перепривязать клиента.",
    "failures.hint.start_link_foreign":
      "Ссылка выпущена для другого проекта Salebot (другого бота), не для проекта {projectId}: никого не связали. Проверьте, какой бот и какое поле GetCourse подставлены в письмо или страницу благодарности, и отправьте клиенту ссылку этого проекта.",
    "failures.hint.start_link_invalid":
      "Код после /start повреждён (ссылку обрезали или изменили) или подделан: никого не связали. Отправьте клиенту свежую ссылку из поля GetCourse (или через /api/link/start-link) и проверьте, что в письме она вставлена целиком.",
    "failures.hint.unknown": "Неизвестный код ошибки. Посмотрите подробности в строке и логи по request id.",
    "failures.hint.link.getcourse": "Открыть Настройки → GetCourse",
    "failures.hint.link.salebot": "Открыть Настройки → Salebot",
    "failures.hint.askAdmin": "Настройки доступны администратору.",
    "failures.status.dismissed": "закрыта вручную",
    "failures.retries": "повторов: {count}, последний {at}",
    "failures.dismissed": "{by}: {reason}",
    "failures.action.dismiss": "Закрыть",
    "failures.dismiss.reason": "Причина",
    "failures.dismiss.placeholder": "причина закрытия",
    "failures.result.dismissed": "Ошибка закрыта; в истории видна причина.",
    "failures.error.reason": "Напишите причину (до 500 символов).",
    "failures.error.not_retryable": "Повтор этой ошибки не поможет; см. подсказку в карточке кода.",
  },
  en: {
    "failures.title": "Link failures",
    "failures.subtitle": "Failed attempts to link a Salebot client to a GetCourse user, by error code",
    "failures.tab.open": "Open",
    "failures.tab.history": "History",
    "failures.groups.empty": "No open failures.",
    "failures.group.count": "Open: {count}",
    "failures.group.show": "Show",
    "failures.group.retryAll": "Retry all ({count})",
    "failures.group.relinkHint":
      "Retrying will not help: relink by hand (the Relink button on the failure's row in the table below).",
    "failures.group.relinkHint.notAdmin": "Retrying will not help: it needs a relink by hand, which an admin does.",
    "failures.group.fixFirst":
      "Retrying cannot help yet: first create the field «{field}» in GetCourse, then press Test connection in the GetCourse card on Settings. Once the check finds the field, Retry appears here.",
    "failures.group.noRetry":
      "Retrying will not help: the bot sent wrong data. Fix the block in Salebot; the client sends them again.",
    "failures.group.noRetry.startLink":
      "Retrying will not help: only the customer pressing the right start link (or a relink by hand) links them.",
    "failures.filter.code": "Code",
    "failures.filter.any": "any",
    "failures.filter.search": "E-mail or client id",
    "failures.filter.from": "From",
    "failures.filter.to": "To",
    "failures.filter.apply": "Show",
    "failures.filter.reset": "Reset",
    "failures.column.time": "When",
    "failures.column.code": "Code",
    "failures.column.email": "E-mail",
    "failures.column.client": "Salebot client",
    "failures.column.source": "Source",
    "failures.column.detail": "Detail",
    "failures.column.status": "Status",
    "failures.column.actions": "Actions",
    "failures.status.open": "open",
    "failures.status.queued": "queued",
    "failures.status.resolved": "resolved",
    "failures.action.retry": "Retry",
    "failures.action.relink": "Relink",
    "failures.action.csv": "Download CSV",
    "failures.result.linked": "Done: the client is linked and the failure closed.",
    "failures.result.failed":
      "Failed again ({code}). It stays one open failure, with the latest result and the retry count. What to do: {hint}",
    "failures.result.queued": "GetCourse is unavailable; the attempt is queued.",
    "failures.result.queuedAll":
      "Queued: {count}. Failures leave the list as the queue works through them; refresh the page.",
    "failures.result.queuedNone": "Nothing queued: no open failures with this code are left. Refresh the page.",
    "failures.result.queuedNone.unreadable":
      "Nothing queued: the request of {count} failures could not be read, so they cannot be retried. Close them with a reason.",
    "failures.result.nothing": "Nothing to retry: the failure is already closed.",
    "failures.error.conflict": "A conflict is not retried: relink the client by hand.",
    "failures.error.not_found": "Attempt not found.",
    "failures.error.unreadable": "This attempt's input cannot be read; it cannot be retried.",
    "failures.hint.bad_request":
      "The bot sent incomplete data. In the Salebot block that calls /api/link, pass email, telegram_id and sb_id (#{client_id}) and check the e-mail was typed in full.",
    "failures.hint.user_not_found":
      "GetCourse has no user with this e-mail. Check the address for typos (Users → search by e-mail) or create the user in GetCourse, then press Retry.",
    "failures.hint.field_telegram_id_not_found":
      "In GetCourse: Profile → Additional fields → create a user field «{telegramField}» (type String). If it exists, check the exact name and that it is a user field, not an order field. Then press Test connection in the GetCourse card on Settings: once the field is found, press Retry all here.",
    "failures.hint.field_salebot_id_not_found":
      "In GetCourse: Profile → Additional fields → create a user field «{salebotField}» (type String) for Salebot project {projectId}. The name must match exactly. Then press Test connection in the GetCourse card on Settings: once the field is found, press Retry all here.",
    "failures.hint.gc_unavailable":
      "GetCourse did not answer in time or answered 5xx/429. The link is retried automatically for 24 hours; if GetCourse is back, press Retry all. Check the account address in the GetCourse card on Settings.",
    "failures.hint.gc_auth_failed":
      "GetCourse rejected the key. In GetCourse: Profile → Account settings → API: copy the key (and the Tech API token, Developers → API keys) into the GetCourse card of the hub's Settings; check the plan includes the API. Then press Retry all.",
    "failures.hint.salebot_unavailable":
      "GetCourse has the keys; writing the email and gc_user_id variables to Salebot failed. The hub retries this itself; check the API key of Salebot project {projectId} (project settings → API) and press Retry.",
    "failures.hint.conflict":
      "The Salebot client is already linked to another e-mail, or this e-mail to another client. The automatic flow never moves a link: open Relink, check who is who, and confirm the move.",
    "failures.hint.conflict.notAdmin":
      "The Salebot client is already linked to another e-mail, or this e-mail to another client. The automatic flow never moves a link; an admin does: give them the e-mail and the Salebot client from the failure's row, and say who is who.",
    "failures.hint.internal_error":
      "An unexpected GetCourse answer or a hub error. Find the request in the logs by the row's request id, then press Retry; if it keeps happening, tell the developers.",
    "failures.hint.start_link_used":
      "This personal start link was already pressed from another chat, and the customer is linked to that chat. Nothing to retry: ask the customer which chat is theirs (the link may have been forwarded) and relink by hand if needed.",
    "failures.hint.start_link_used.notAdmin":
      "This personal start link was already pressed from another chat, and the customer is linked to that chat. Nothing to retry: ask the customer which chat is theirs (the link may have been forwarded); if the link must move, ask an admin to relink the customer.",
    "failures.hint.start_link_foreign":
      "The link was made for another Salebot project (another bot), not project {projectId}: nobody was linked. Check which bot and which GetCourse field the letter or thank-you page uses, and send the customer this project's link.",
    "failures.hint.start_link_invalid":
      "The code after /start is damaged (the link was cut or altered) or forged: nobody was linked. Send the customer a fresh link from the GetCourse field (or /api/link/start-link) and check that the letter carries it whole.",
    "failures.hint.unknown": "Unknown error code. See the row's detail and the logs by request id.",
    "failures.hint.link.getcourse": "Open Settings → GetCourse",
    "failures.hint.link.salebot": "Open Settings → Salebot",
    "failures.hint.askAdmin": "Settings are for admins.",
    "failures.status.dismissed": "dismissed",
    "failures.retries": "retries: {count}, last {at}",
    "failures.dismissed": "{by}: {reason}",
    "failures.action.dismiss": "Dismiss",
    "failures.dismiss.reason": "Reason",
    "failures.dismiss.placeholder": "reason to close",
    "failures.result.dismissed": "Dismissed; the history shows the reason.",
    "failures.error.reason": "Write a reason (up to 500 characters).",
    "failures.error.not_retryable": "Retrying this failure cannot help; see the hint on its code's card.",
  },
});
