import type { NormalisedOrderEvent } from "./order-event";
import { normaliseCanonical, type Canonical } from "./getcourse-parse";
import { currencyOf } from "./getcourse-values";

/**
 * Rows of GetCourse exports (doc §4.2): Russian column titles, string cells, account-local times.
 * The column set differs per account, so cells are found by title (several spellings), never by
 * position.
 */

type Row = Record<string, string>;

const fold = (title: string) => title.trim().toLowerCase().replace(/ё/g, "е");

function cell(row: Row, titles: readonly string[], prefix = false): string | undefined {
  const wanted = titles.map(fold);
  for (const [title, value] of Object.entries(row)) {
    const folded = fold(title);
    if (wanted.some((name) => (prefix ? folded.startsWith(name) : folded === name))) return value;
  }
  return undefined;
}

function columnCurrency(row: Row): string | undefined {
  // "Стоимость, RUB": the title names the currency when there is no currency column.
  const title = Object.keys(row).find((name) => fold(name).startsWith("стоимость"));
  const code = title ? /,\s*([A-Z]{3})\s*$/i.exec(title)?.[1] : undefined;
  return code?.toUpperCase();
}

/** One row of a deals export as an `imported` event seen at `observedAt` (when the export was started). */
export function dealRowToEvent(row: Row, options: { observedAt: Date; timeZone: string }): NormalisedOrderEvent {
  const cost = cell(row, ["стоимость"], true);
  const canonical: Canonical = {
    source: "export",
    event: "imported",
    deal_id: cell(row, ["ID заказа", "ID", "Заказ ID"]),
    deal_number: cell(row, ["Номер", "Номер заказа"]),
    user_id: cell(row, ["ID пользователя", "Пользователь ID"]),
    email: cell(row, ["Email", "E-mail", "Эл. почта"]),
    status: cell(row, ["Статус", "Статус заказа"]),
    is_paid: undefined,
    cost,
    paid: cell(row, ["Оплачено", "Оплачено, RUB"]),
    currency: cell(row, ["Валюта"]) ?? columnCurrency(row) ?? (cost ? (currencyOf(cost) ?? undefined) : undefined),
    offer: cell(row, ["Состав заказа", "Предложение", "Предложения", "Title", "Позиции"]),
    created_at: cell(row, ["Дата создания", "Создан"]),
    // The export shows the state when it was started; that is when this "event" was true.
    occurred_at: undefined,
    utm: {
      source: cell(row, ["utm_source"]),
      medium: cell(row, ["utm_medium"]),
      campaign: cell(row, ["utm_campaign"]),
      content: cell(row, ["utm_content"]),
      term: cell(row, ["utm_term"]),
    },
  };
  return normaliseCanonical(canonical, row, { receivedAt: options.observedAt, timeZone: options.timeZone });
}

/** The user id and e-mail of one row of a users export, when both are there. */
export function userRowIdentity(row: Row): { gcUserId: string; email: string } | null {
  const id = cell(row, ["id", "ID пользователя"])?.trim();
  const email = cell(row, ["Email", "E-mail", "Эл. почта"])?.trim().toLowerCase();
  return id && /^\d+$/.test(id) && email && email.includes("@") ? { gcUserId: id, email } : null;
}
