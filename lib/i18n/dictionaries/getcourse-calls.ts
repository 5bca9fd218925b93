import { defineMessages } from "../define";

/** /failures/getcourse: GetCourse calls the hub could not read, kept raw for an admin. */
export const getcourseCallsMessages = defineMessages({
  ru: {
    "gcCalls.title": "Нераспознанные события GetCourse",
    "gcCalls.subtitle":
      "Вызовы от GetCourse, которые хаб не смог прочитать как заказ. Они сохранены как пришли (токен скрыт) и получили ответ 200 — GetCourse их не повторит, поэтому ничего не потеряно: исправьте шаблон и обработайте заново.",
    "gcCalls.tab.open": "Требуют внимания",
    "gcCalls.tab.handled": "Обработанные",
    "gcCalls.empty": "Нераспознанных событий нет.",
    "gcCalls.column.time": "Получено",
    "gcCalls.column.request": "Запрос",
    "gcCalls.column.reason": "Что не так и как исправить",
    "gcCalls.column.actions": "Действия",
    "gcCalls.query": "Параметры URL",
    "gcCalls.body": "Тело",
    "gcCalls.noBody": "без тела",
    "gcCalls.handledBy": "Обработано: {who}",
    "gcCalls.handledDeal": "заказ {deal}",
    "gcCalls.action.reprocess": "Обработать заново",
    "gcCalls.action.dealId": "ID заказа (если его нет в запросе)",
    "gcCalls.action.dismiss": "Отметить обработанным",
    "gcCalls.result.stored": "Сохранено как заказ {deal}.",
    "gcCalls.result.still": "Всё ещё не читается: {detail}",
    "gcCalls.result.dismissed": "Отмечено как обработанное.",
    "gcCalls.error.not_found": "Событие не найдено.",
    "gcCalls.hint.no_deal_id":
      "В запросе нет ID заказа. В процессе GetCourse, в операции «Вызвать URL», добавьте к адресу &deal_id={object.id} (лучше — весь адрес со страницы Настроек: …&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}). Для этого события впишите ID заказа и нажмите «Обработать заново».",
    "gcCalls.hint.unreadable_body":
      "Тело запроса не JSON и не форма. В операции «Вызвать URL» выберите тип тела json или x-www-form-urlencoded, или передавайте данные в адресе (…&deal_id={object.id}&status={object.status}…). Затем «Обработать заново» с ID заказа или «Отметить обработанным».",
    "gcCalls.hint.not_an_object":
      'Тело — JSON, но не объект (список или значение). Передавайте поля объектом {"deal_id": "{object.id}", …} или в адресе; затем «Обработать заново» с ID заказа.',
    "failures.tab.getcourse": "События GetCourse",
  },
  en: {
    "gcCalls.title": "Unrecognised GetCourse events",
    "gcCalls.subtitle":
      "Calls from GetCourse the hub could not read as an order. They are kept as they came (token hidden) and were answered 200 — GetCourse will not resend them, so nothing is lost: fix the template and re-process.",
    "gcCalls.tab.open": "Need attention",
    "gcCalls.tab.handled": "Handled",
    "gcCalls.empty": "No unrecognised events.",
    "gcCalls.column.time": "Received",
    "gcCalls.column.request": "Request",
    "gcCalls.column.reason": "What is wrong and how to fix it",
    "gcCalls.column.actions": "Actions",
    "gcCalls.query": "URL parameters",
    "gcCalls.body": "Body",
    "gcCalls.noBody": "no body",
    "gcCalls.handledBy": "Handled by {who}",
    "gcCalls.handledDeal": "order {deal}",
    "gcCalls.action.reprocess": "Re-process",
    "gcCalls.action.dealId": "Order id (when the request lacks it)",
    "gcCalls.action.dismiss": "Mark handled",
    "gcCalls.result.stored": "Stored as order {deal}.",
    "gcCalls.result.still": "Still unreadable: {detail}",
    "gcCalls.result.dismissed": "Marked handled.",
    "gcCalls.error.not_found": "Event not found.",
    "gcCalls.hint.no_deal_id":
      "The request has no order id. In the GetCourse process, in the «Вызвать URL» operation, add &deal_id={object.id} to the URL (better: the whole URL from the Settings page: …&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}). For this event, type the order id and press Re-process.",
    "gcCalls.hint.unreadable_body":
      "The body is neither JSON nor a form. In the «Вызвать URL» operation choose body type json or x-www-form-urlencoded, or send the data in the URL (…&deal_id={object.id}&status={object.status}…). Then Re-process with the order id, or Mark handled.",
    "gcCalls.hint.not_an_object":
      'The body is JSON but not an object (a list or a bare value). Send the fields as an object {"deal_id": "{object.id}", …} or in the URL; then Re-process with the order id.',
    "failures.tab.getcourse": "GetCourse events",
  },
});
