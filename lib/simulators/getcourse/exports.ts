import type { SimulatorBehaviour } from "./options";
import { formatExportMoney, formatLocalDate, formatLocalDateTime } from "./format";
import { UTM_KEYS, type GetCourseSimState, type SimDeal, type SimUser } from "./state";
import { DEAL_STATUS_TITLES, DEAL_STATUSES, USER_STATUSES } from "@/lib/getcourse/statuses";

/** Export jobs and the Export API budget of the simulated account (doc §4). */

export type ExportDataset = "users" | "deals";

export type SimExportJob = {
  id: number;
  dataset: ExportDataset;
  /** 909 answers still to give before the file is "built". */
  pollsLeft: number;
  fields: string[];
  items: string[][];
};

export class SimExportRegistry {
  readonly jobs = new Map<number, SimExportJob>();
  /** Times of budgeted requests, for the 100-per-2-hours window. */
  private requestTimes: number[] = [];
  private nextId = 4_100_001;

  constructor(private readonly behaviour: () => SimulatorBehaviour) {}

  private window(): number[] {
    const { windowMs } = this.behaviour().exportBudget;
    const horizon = Date.now() - windowMs;
    this.requestTimes = this.requestTimes.filter((at) => at > horizon);
    return this.requestTimes;
  }

  /** Counts a request; false when the account is over budget (answer 903). */
  spend(): boolean {
    if (this.window().length >= this.behaviour().exportBudget.limit) return false;
    this.requestTimes.push(Date.now());
    return true;
  }

  requestsInWindow(): number {
    return this.window().length;
  }

  remainingBudget(): number {
    return Math.max(0, this.behaviour().exportBudget.limit - this.window().length);
  }

  resetBudget(): void {
    this.requestTimes = [];
  }

  /** An export still being built blocks the next start (905). */
  running(): SimExportJob | undefined {
    return [...this.jobs.values()].find((job) => job.pollsLeft > 0);
  }

  create(dataset: ExportDataset, table: { fields: string[]; items: string[][] }): SimExportJob {
    const job: SimExportJob = {
      id: this.nextId++,
      dataset,
      pollsLeft: this.behaviour().exportPollsBeforeReady,
      ...table,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  /** Makes every export ready at once, e.g. to unblock a test. */
  finishAll(): void {
    for (const job of this.jobs.values()) job.pollsLeft = 0;
  }
}

type Filters = Record<string, string>;
type FilterCheck = { ok: true; filters: Filters } | { ok: false; code: number; message: string };

const USER_FILTERS = ["created_at[from]", "created_at[to]", "status", "email"];
const DEAL_FILTERS = [
  ...["created_at", "payed_at", "finished_at", "status_changed_at"].flatMap((name) => [`${name}[from]`, `${name}[to]`]),
  "status",
  "user_id",
  "user_in_group",
];

/** Keeps recognised filters; `idgrouplist` and unknown parameters do not count (doc §4.1). */
export function checkExportFilters(dataset: ExportDataset, params: Record<string, unknown>): FilterCheck {
  const known = dataset === "users" ? USER_FILTERS : DEAL_FILTERS;
  const filters: Filters = {};
  for (const name of known) {
    const value = params[name];
    if (typeof value === "string" && value !== "") filters[name] = value;
  }
  if (Object.keys(filters).length === 0) {
    return { ok: false, code: 908, message: "Должен быть передан хотя бы один фильтр" };
  }
  const status = filters.status;
  if (status !== undefined) {
    const allowed: readonly string[] = dataset === "users" ? USER_STATUSES : DEAL_STATUSES;
    if (!allowed.includes(status)) {
      return {
        ok: false,
        code: dataset === "users" ? 914 : 913,
        message: `Неверный статус, попробуйте один из - ${allowed.join(",")}`,
      };
    }
  }
  return { ok: true, filters };
}

function inRange(date: Date | undefined, filters: Filters, name: string, offsetMinutes: number): boolean {
  const from = filters[`${name}[from]`];
  const to = filters[`${name}[to]`];
  if (from === undefined && to === undefined) return true;
  if (!date) return false;
  const day = formatLocalDate(date, offsetMinutes);
  return (from === undefined || day >= from) && (to === undefined || day <= to);
}

export function buildUsersTable(state: GetCourseSimState, filters: Filters, behaviour: SimulatorBehaviour) {
  const offset = behaviour.timeZoneOffsetMinutes;
  const userFields = state.fields.filter((field) => field.context === "user");
  const fields = [
    "id",
    "Email",
    "Тип регистрации",
    "Создан",
    "Последняя активность",
    "Имя",
    "Фамилия",
    "Телефон",
    "Дата рождения",
    "Возраст",
    "Страна",
    "Город",
    "От партнера",
    ...userFields.map((field) => field.title),
    ...UTM_KEYS,
  ];
  const matches = (user: SimUser) =>
    inRange(user.createdAt, filters, "created_at", offset) &&
    (filters.status === undefined || user.status === filters.status) &&
    (filters.email === undefined || user.email === filters.email.trim().toLowerCase());
  const items = state.users
    .filter(matches)
    .map((user) => [
      String(user.id),
      user.email,
      "Зарегистрирован",
      formatLocalDateTime(user.createdAt, offset),
      "",
      user.firstName,
      user.lastName,
      user.phone,
      "",
      "",
      user.country,
      user.city,
      "",
      ...userFields.map((field) => user.fields[field.id] ?? ""),
      ...UTM_KEYS.map((key) => user.utm[key] ?? ""),
    ]);
  return { fields, items };
}

export function buildDealsTable(state: GetCourseSimState, filters: Filters, behaviour: SimulatorBehaviour) {
  const offset = behaviour.timeZoneOffsetMinutes;
  const dealFields = state.fields.filter((field) => field.context === "deal");
  const fields = [
    "ID заказа",
    "Номер",
    "ID пользователя",
    "Пользователь",
    "Email",
    "Телефон",
    "Дата создания",
    "Дата оплаты",
    "Title",
    "Статус",
    "Стоимость, RUB",
    "Оплачено",
    "Осталось оплатить",
    "Валюта",
    "Менеджер",
    "Промокод",
    ...dealFields.map((field) => field.title),
    ...UTM_KEYS,
  ];
  const userIds = filters.user_id?.split(",").map((id) => Number(id.trim()));
  const matches = (deal: SimDeal) =>
    inRange(deal.createdAt, filters, "created_at", offset) &&
    inRange(deal.payedAt, filters, "payed_at", offset) &&
    inRange(deal.finishedAt, filters, "finished_at", offset) &&
    inRange(deal.statusChangedAt, filters, "status_changed_at", offset) &&
    (filters.status === undefined || deal.status === filters.status) &&
    (userIds === undefined || userIds.includes(deal.userId)) &&
    (filters.user_in_group === undefined || (state.getUser(deal.userId)?.groups ?? []).includes(filters.user_in_group));
  const items = state.deals.filter(matches).map((deal) => {
    const user = state.getUser(deal.userId);
    return [
      String(deal.id),
      deal.number,
      String(deal.userId),
      [user?.firstName, user?.lastName].filter(Boolean).join(" "),
      user?.email ?? "",
      user?.phone ?? "",
      formatLocalDateTime(deal.createdAt, offset),
      deal.payedAt ? formatLocalDateTime(deal.payedAt, offset) : "",
      deal.productTitle,
      DEAL_STATUS_TITLES[deal.status],
      formatExportMoney(deal.cost),
      formatExportMoney(deal.payedMoney),
      formatExportMoney(Math.max(0, deal.cost - deal.payedMoney)),
      deal.currency,
      deal.managerEmail,
      deal.promocode,
      ...dealFields.map((field) => deal.fields[field.id] ?? ""),
      ...UTM_KEYS.map((key) => deal.utm[key] ?? ""),
    ];
  });
  return { fields, items };
}
