import { z } from "zod";
import type { SimRequest, SimResponse } from "@/lib/simulators/shared/http-server";
import { optionalLooseFlagSchema } from "@/lib/getcourse/flags";
import {
  buildDealsTable,
  buildUsersTable,
  checkExportFilters,
  type ExportDataset,
  type SimExportRegistry,
} from "./exports";
import type { SimulatorBehaviour } from "./options";
import type { GetCourseSimState, SimDeal, SimUser, Utm } from "./state";
import { isDealStatus } from "@/lib/getcourse/statuses";

/** Legacy Import/Export API of the simulator: HTTP 200 always, failures in the body (doc §2, §4, §9). */

export type LegacySimContext = {
  state: GetCourseSimState;
  behaviour: SimulatorBehaviour;
  apiKey: string;
  accountUrl: string;
  exports: SimExportRegistry;
  /** Objects the import created (for the creation limit). */
  creations: { count: number };
};

export const UNAUTHORIZED_MESSAGE = "Неавторизованное API-обращение";

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const failure = (message: string, code?: number): SimResponse =>
  ok({
    success: false,
    error: true,
    ...(code === undefined ? {} : { error_code: code }),
    error_message: message,
    info: null,
  });

/** Key checks shared by import and export; undefined when the key is fine. */
function checkKey(context: LegacySimContext, params: Record<string, unknown>): SimResponse | undefined {
  const key = params.key;
  if (typeof key !== "string" || key === "") return failure("Ошибка авторизации: отсутствует параметр key", 904);
  if (key !== context.apiKey) return ok({ success: false, error: UNAUTHORIZED_MESSAGE });
  return undefined;
}

// ---------- Import ----------

const looseText = z.union([z.string(), z.number()]).transform(String).optional();
const addFieldsSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()])).optional();

const importParamsSchema = z.object({
  user: z
    .object({
      email: looseText,
      phone: looseText,
      first_name: looseText,
      last_name: looseText,
      city: looseText,
      country: looseText,
      group_name: z.array(z.union([z.string(), z.array(z.string())])).optional(),
      addfields: addFieldsSchema,
    })
    .optional(),
  system: z
    .object({
      refresh_if_exists: optionalLooseFlagSchema.optional(),
      return_deal_number: optionalLooseFlagSchema.optional(),
      return_payment_link: optionalLooseFlagSchema.optional(),
    })
    .optional(),
  session: z.record(z.string(), z.union([z.string(), z.number()]).transform(String)).optional(),
  deal: z
    .object({
      deal_number: looseText,
      offer_code: looseText,
      offer_id: looseText,
      product_title: looseText,
      deal_cost: looseText,
      deal_status: looseText,
      deal_is_paid: optionalLooseFlagSchema.optional(),
      deal_currency: looseText,
      manager_email: looseText,
      addfields: addFieldsSchema,
    })
    .optional(),
});
type ImportParams = z.infer<typeof importParamsSchema>;

function decodeParams(raw: unknown): ImportParams | undefined {
  if (typeof raw !== "string" || raw === "") return undefined;
  try {
    const parsed = importParamsSchema.safeParse(JSON.parse(Buffer.from(raw, "base64").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function renderFlag(value: boolean, style: SimulatorBehaviour["answerFlagsAs"]): boolean | string | number {
  if (style === "string") return value ? "true" : "false";
  if (style === "number") return value ? 1 : 0;
  return value;
}

type ImportOutcome =
  | { ok: true; user: SimUser; userStatus: string; deal?: SimDeal; dealNumber?: string; paymentLink?: string }
  | { ok: false; message: string };

function sessionUtm(session: ImportParams["session"]): Utm {
  const utm: Utm = {};
  for (const key of ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"] as const) {
    const value = session?.[key];
    if (value) utm[key] = value;
  }
  return utm;
}

function resolveAddFields(
  context: LegacySimContext,
  values: Record<string, string | number | null> | undefined,
  target: "user" | "deal",
): { ok: true; byId: Record<number, string> } | { ok: false; message: string } {
  const byId: Record<number, string> = {};
  for (const [title, value] of Object.entries(values ?? {})) {
    const field = context.state.findField(title, target);
    if (!field) {
      if (context.behaviour.unknownAddFieldName === "reject")
        return { ok: false, message: `Дополнительное поле "${title}" не найдено` };
      continue;
    }
    byId[field.id] = value === null ? "" : String(value);
  }
  return { ok: true, byId };
}

const creationLimitReached = (context: LegacySimContext) =>
  context.behaviour.creationLimit !== null && context.creations.count >= context.behaviour.creationLimit;

function importUserPart(context: LegacySimContext, params: ImportParams): ImportOutcome {
  const input: NonNullable<ImportParams["user"]> = params.user ?? {};
  const email = input.email?.trim() ?? "";
  const phone = input.phone?.trim() ?? "";
  if (!email && !phone) return { ok: false, message: "Не указан ни эл. адрес, ни телефон" };
  const fields = resolveAddFields(context, input.addfields, "user");
  if (!fields.ok) return fields;

  const existing = (email ? context.state.findUserByEmail(email) : undefined) ?? context.state.findUserByPhone(phone);
  const groups = (input.group_name ?? [])
    .map((group) => (typeof group === "string" ? group : (group[0] ?? "")))
    .filter(Boolean);
  if (existing) {
    if (params.system?.refresh_if_exists) {
      if (input.first_name !== undefined) existing.firstName = input.first_name;
      if (input.last_name !== undefined) existing.lastName = input.last_name;
      if (input.city !== undefined) existing.city = input.city;
      if (input.country !== undefined) existing.country = input.country;
      if (phone) existing.phone = phone;
      Object.assign(existing.fields, fields.byId);
    }
    // Group membership is additive on import (replacing is `action=update`).
    for (const group of groups) if (!existing.groups.includes(group)) existing.groups.push(group);
    return { ok: true, user: existing, userStatus: context.behaviour.existingUserStatus };
  }
  if (creationLimitReached(context))
    return { ok: false, message: "Достигнут лимит на создание пользователей в этом месяце" };
  context.creations.count += 1;
  const user = context.state.addUser({
    email: email || `${phone}@phone.local`,
    phone,
    firstName: input.first_name,
    lastName: input.last_name,
    city: input.city,
    country: input.country,
    groups,
    utm: sessionUtm(params.session),
  });
  Object.assign(user.fields, fields.byId);
  return { ok: true, user, userStatus: "added" };
}

function importDealPart(context: LegacySimContext, params: ImportParams): ImportOutcome {
  const input: NonNullable<ImportParams["deal"]> = params.deal ?? {};
  if (input.deal_status !== undefined && !isDealStatus(input.deal_status)) {
    return { ok: false, message: `Неверный статус заказа: ${input.deal_status}` };
  }
  const existingDeal = input.deal_number ? context.state.findDealByNumber(input.deal_number) : undefined;
  const cost = input.deal_cost === undefined ? undefined : Number(String(input.deal_cost).replace(",", "."));
  if (
    !existingDeal &&
    !input.offer_id &&
    !((input.offer_code || input.product_title) && cost !== undefined && cost > 0)
  ) {
    return { ok: false, message: "Не указано предложение или стоимость заказа" };
  }
  if (!existingDeal && creationLimitReached(context)) {
    return { ok: false, message: "Достигнут лимит на создание заказов в этом месяце" };
  }
  const userPart = importUserPart(context, params);
  if (!userPart.ok) return userPart;
  const dealFields = resolveAddFields(context, input.addfields, "deal");
  if (!dealFields.ok) return dealFields;

  const requestedStatus =
    input.deal_status !== undefined && isDealStatus(input.deal_status) ? input.deal_status : undefined;
  let deal: SimDeal;
  if (existingDeal) {
    if (cost !== undefined && cost > 0) existingDeal.cost = cost;
    Object.assign(existingDeal.fields, dealFields.byId);
    const status = input.deal_is_paid ? "payed" : requestedStatus;
    deal = status ? context.state.setDealStatus(existingDeal.id, status) : existingDeal;
  } else {
    context.creations.count += 1;
    deal = context.state.addDeal({
      user: userPart.user.id,
      number: input.deal_number,
      offerId: input.offer_id,
      offerCode: input.offer_code,
      productTitle: input.product_title,
      cost: cost ?? 0,
      currency: input.deal_currency,
      managerEmail: input.manager_email,
      status: input.deal_is_paid ? "payed" : (requestedStatus ?? "new"),
      utm: sessionUtm(params.session),
    });
    Object.assign(deal.fields, dealFields.byId);
  }
  return {
    ...userPart,
    deal,
    dealNumber: params.system?.return_deal_number ? deal.number : "",
    paymentLink: params.system?.return_payment_link ? `${context.accountUrl}/sales/shop/dealPay/id/${deal.id}` : "",
  };
}

export function handleLegacyImport(
  context: LegacySimContext,
  request: SimRequest,
  target: "users" | "deals",
): SimResponse {
  if (!context.behaviour.planHasApi) {
    return { status: 200, body: "", headers: { "content-type": "text/html; charset=utf-8" } };
  }
  if (request.method !== "POST") return failure("Пустой параметр action");
  const keyProblem = checkKey(context, request.params);
  if (keyProblem) return keyProblem;
  const action = request.params.action;
  if (typeof action !== "string" || action === "") return failure("Пустой параметр action");
  if (action !== "add") return failure("Действие запрещено");
  const params = decodeParams(request.params.params);
  if (!params) return failure("Не указаны параметры");

  const outcome = target === "users" ? importUserPart(context, params) : importDealPart(context, params);
  const flag = (value: boolean) => renderFlag(value, context.behaviour.answerFlagsAs);
  if (!outcome.ok) {
    return ok({
      success: flag(true),
      action,
      result: { success: flag(false), error: flag(true), error_message: outcome.message },
    });
  }
  const result: Record<string, unknown> = {
    success: flag(true),
    user_id: outcome.user.id,
    user_status: outcome.userStatus,
    error_message: "",
    error: flag(false),
  };
  if (outcome.deal) {
    Object.assign(result, {
      deal_id: outcome.deal.id,
      deal_number: outcome.dealNumber ?? "",
      payment_link: outcome.paymentLink ?? "",
    });
  }
  return ok({ success: flag(true), action, result });
}

// ---------- Account: field dictionary and exports ----------

export function handleLegacyAccount(context: LegacySimContext, request: SimRequest, rest: string): SimResponse {
  const keyProblem = checkKey(context, request.params);
  if (keyProblem) return keyProblem;
  if (!context.behaviour.planHasApi) return failure("Функционал недоступен", 917);
  const budgeted = rest !== "fields" || context.behaviour.fieldsCountAgainstBudget;
  if (budgeted && !context.exports.spend()) return failure("Слишком много запросов, попробуйте позже", 903);

  if (rest === "fields") {
    return ok({
      success: true,
      info: context.state.fields.map((field, index) => ({
        id: field.id,
        type: field.type,
        title: field.title,
        required: field.required ? 1 : 0,
        field_order_pos: index + 1,
        context_type: field.context,
        form_id: null,
      })),
    });
  }
  if (rest === "users" || rest === "deals") {
    const dataset: ExportDataset = rest;
    const check = checkExportFilters(dataset, request.params);
    if (!check.ok) return failure(check.message, check.code);
    if (context.exports.running()) return failure("Уже запущен один экспорт, дождитесь его завершения", 905);
    const table =
      dataset === "users"
        ? buildUsersTable(context.state, check.filters, context.behaviour)
        : buildDealsTable(context.state, check.filters, context.behaviour);
    const job = context.exports.create(dataset, table);
    return ok({ success: true, info: { export_id: job.id } });
  }
  const exportMatch = /^exports\/(\d+)$/.exec(rest);
  if (exportMatch) {
    const job = context.exports.jobs.get(Number(exportMatch[1]));
    if (!job) return failure("Экспорт не найден");
    if (job.pollsLeft > 0) {
      job.pollsLeft -= 1;
      return failure("Файл еще не создан", 909);
    }
    if (job.items.length === 0 && context.behaviour.emptyExportAnswer === "file_not_created") {
      return failure("Файл не создан, попробуйте другой фильтр");
    }
    return ok({ success: true, info: { fields: job.fields, items: job.items } });
  }
  return { status: 404, body: { success: false, error: true, error_message: "Метод не найден" } };
}
