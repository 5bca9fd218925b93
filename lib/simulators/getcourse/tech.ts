import { z } from "zod";
import type { SimRequest, SimResponse } from "@/lib/simulators/shared/http-server";
import type { SimulatorBehaviour } from "./options";
import type { GetCourseSimState, SimUser } from "./state";

/** Tech API v1 of the simulator: Bearer token, `{status, message, code, errors, data}` envelope (doc §3.3, §9.6). */

export type TechWebhookSubscription = { url: string; wrapInJson: boolean };

export type TechSimContext = {
  state: GetCourseSimState;
  behaviour: SimulatorBehaviour;
  techToken: string;
  /** Deal events by `event_id` (1 created, 2 status changed, 3 paid), set by `set-uri`. */
  dealWebhooks: Map<number, TechWebhookSubscription>;
};

const success = (data: unknown, message = ""): SimResponse => ({
  status: 200,
  body: { status: true, message, code: 200, errors: [], data },
});

function techError(
  context: TechSimContext,
  code: 400 | 403 | 404,
  message: string,
  errors: string[] = [],
): SimResponse {
  return {
    status: context.behaviour.techErrorsWithHttp200 ? 200 : code,
    body: { status: false, message, code, errors, data: null },
  };
}

function userFieldAnswer(context: TechSimContext, user: SimUser) {
  const userFields = context.state.fields.filter((field) => field.context === "user");
  if (context.behaviour.customFieldsShape === "published_array") {
    return userFields.map((field) => ({
      name: field.title,
      value: user.fields[field.id] ?? "",
      type: field.type,
      units: "",
    }));
  }
  return Object.fromEntries(
    userFields.map((field) => [
      String(field.id),
      { name: field.title, value: user.fields[field.id] || null, type: field.type, units: null },
    ]),
  );
}

function updateAnswer(context: TechSimContext, user: SimUser, written: readonly number[]) {
  switch (context.behaviour.updateFieldsAnswer) {
    case "published_array":
      return userFieldAnswer(
        { ...context, behaviour: { ...context.behaviour, customFieldsShape: "published_array" } },
        user,
      );
    case "result_flag":
      return { result: true };
    case "echo_by_name":
      return Object.fromEntries(
        written.map((id) => [context.state.findField(id)?.title ?? String(id), user.fields[id] ?? ""]),
      );
  }
}

/** A user record as `get-fields` and `get-personal-managers` answer it (the fields the hub reads). */
function techUserRecord(user: SimUser, type = "user") {
  return {
    id: user.id,
    email: user.email,
    phone: user.phone || null,
    first_name: user.firstName || null,
    last_name: user.lastName || null,
    type,
    status: user.status,
  };
}

function findUser(context: TechSimContext, identity: { userId?: unknown; email?: unknown }): SimUser | undefined {
  if (identity.userId !== undefined && identity.userId !== "") {
    const id = Number(identity.userId);
    return context.state.getUser(id) ?? context.state.staff.find((member) => member.id === id);
  }
  if (typeof identity.email === "string") {
    const wanted = identity.email.trim().toLowerCase();
    return context.state.findUserByEmail(wanted) ?? context.state.staff.find((member) => member.email === wanted);
  }
  return undefined;
}

const updateBodySchema = z.object({
  userId: z.union([z.number(), z.string()]).optional(),
  email: z.string().optional(),
  customFields: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
});

const setUriBodySchema = z.object({
  uri: z.string().url(),
  event_object_id: z.coerce.number(),
  event_id: z.coerce.number(),
});

function parseJsonBody(request: SimRequest): unknown {
  try {
    return JSON.parse(request.rawBody);
  } catch {
    return undefined;
  }
}

export function handleTechApi(context: TechSimContext, request: SimRequest, rest: string): SimResponse {
  if (request.headers.authorization !== `Bearer ${context.techToken}`) return techError(context, 403, "Нет доступа");

  if (rest === "user/get-custom-fields" && request.method === "GET") {
    const userId = request.query.get("userId") ?? undefined;
    const email = request.query.get("email") ?? undefined;
    if (!userId && !email) return techError(context, 400, "Ошибка данных", ["Не заполнено поле userId"]);
    const user = findUser(context, { userId, email });
    if (!user) return techError(context, 404, "Объект не найден");
    return success(userFieldAnswer(context, user));
  }

  if (rest === "user/get-fields" && request.method === "GET") {
    const user = findUser(context, {
      userId: request.query.get("userId") ?? undefined,
      email: request.query.get("email") ?? undefined,
    });
    if (!user) return techError(context, 404, "Объект не найден");
    return success(techUserRecord(user));
  }

  if (rest === "common/get-personal-managers" && request.method === "GET") {
    const staff = context.behaviour.personalManagers ? context.state.staff : [];
    return success(staff.map((member) => techUserRecord(member, member.role)));
  }

  if (rest === "user/update-custom-fields" && request.method === "POST") {
    const parsed = updateBodySchema.safeParse(parseJsonBody(request));
    if (!parsed.success) return techError(context, 400, "Ошибка данных", ["Не заполнено поле customFields"]);
    const user = findUser(context, parsed.data);
    if (!user) return techError(context, 404, "Объект не найден");
    const unknown = Object.keys(parsed.data.customFields).filter((id) => {
      const field = context.state.findField(Number(id));
      return !field || String(field.id) !== id;
    });
    if (unknown.length > 0) {
      return techError(
        context,
        400,
        "Ошибка данных",
        unknown.map((id) => `Дополнительное поле ${id} не найдено`),
      );
    }
    for (const [id, value] of Object.entries(parsed.data.customFields))
      user.fields[Number(id)] = value === null ? "" : String(value);
    return success(updateAnswer(context, user, Object.keys(parsed.data.customFields).map(Number)));
  }

  if (rest === "set-uri" && request.method === "POST") {
    const parsed = setUriBodySchema.safeParse(parseJsonBody(request));
    if (!parsed.success) return techError(context, 400, "Ошибка данных", ["Не заполнено поле uri"]);
    const { uri, event_object_id: objectId, event_id: eventId } = parsed.data;
    // Only order events are simulated; one address per event, a new one replaces the old.
    if (objectId !== 2 || eventId < 1 || eventId > 3)
      return techError(context, 400, "Ошибка данных", ["Событие не поддерживается"]);
    const wrapInJson = context.dealWebhooks.get(eventId)?.wrapInJson ?? false;
    context.dealWebhooks.set(eventId, { url: uri, wrapInJson });
    return success(null, "Успешно");
  }

  return techError(context, 404, "Объект не найден");
}
