/** Status vocabularies (doc §5). */
export const DEAL_STATUSES = [
  "new",
  "payed",
  "cancelled",
  "false",
  "in_work",
  "payment_waiting",
  "part_payed",
  "waiting_for_return",
  "not_confirmed",
  "pending",
] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export const DEAL_STATUS_TITLES: Record<DealStatus, string> = {
  new: "Новый",
  payed: "Завершен",
  cancelled: "Отменен",
  false: "Ложный",
  in_work: "В работе",
  payment_waiting: "Ожидаем оплаты",
  part_payed: "Частично оплачен",
  waiting_for_return: "Ожидаем возврата",
  not_confirmed: "Не подтвержден",
  pending: "Отложен",
};

export function isDealStatus(value: string): value is DealStatus {
  return (DEAL_STATUSES as readonly string[]).includes(value);
}

/** Export filter values the live server accepts (doc §5.4). */
export const USER_STATUSES = ["active", "deactivated", "banned", "invited", "in_base"] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const PAYMENT_STATUSES = [
  "expected",
  "accepted",
  "returned",
  "tobalance",
  "frombalance",
  "returned_to_balance",
] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
