import type { SimResponse } from "@/lib/simulators/shared/http-server";
import { TELEGRAM_CLIENT_TYPE } from "@/lib/salebot/client-types";
import type { SalebotVariableValue } from "@/lib/salebot/schemas";
import type { SalebotSimulatorConfig } from "./config";
import { aliasedParam, dictParam, flagParam, integerParam, listParam, type SimParams, textParam } from "./params";
import type { SalebotSimState, SimClient, SimHistoryItem, SimVariables } from "./state";

export type ActionContext = {
  state: SalebotSimState;
  config: SalebotSimulatorConfig;
  params: SimParams;
  /** Hands a new history item to the project webhook, when one is configured. */
  emit: (client: SimClient, item: SimHistoryItem) => void;
};

type ActionHandler = (context: ActionContext) => SimResponse;

const ok = (body: unknown): SimResponse => ({ status: 200, body });
const fail = (message: string): SimResponse => ({ status: 200, body: { status: "fail", message } });

function acknowledgement(config: SalebotSimulatorConfig): SimResponse {
  if (config.acknowledgement === "empty") return ok("");
  if (config.acknowledgement === "ok_text")
    return { status: 200, body: "OK", headers: { "content-type": "text/plain" } };
  return ok({ status: "success" });
}

/** Keys that steer a callback; everything else in the request becomes a variable (doc §2.1). */
const CALLBACK_CONTROL_KEYS = new Set([
  "client_id",
  "client_phone",
  "client_email",
  "user_id",
  "group_id",
  "message",
  "resume_bot",
  "time_shift",
  "send_time",
  "delimiter",
  "tg_business",
]);

function isControlKey(key: string): boolean {
  return CALLBACK_CONTROL_KEYS.has(key) || key.startsWith("value_") || key.startsWith("delimiter_value_");
}

function toVariableValue(value: unknown): SalebotVariableValue {
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  return JSON.stringify(value);
}

function extraVariables(params: SimParams, scope: "deal" | "client"): SimVariables {
  // Fields a `value_*` remap points at are identifiers, not variables.
  const remapTargets = new Set(
    Object.entries(params)
      .filter(([key]) => key.startsWith("value_"))
      .map(([, target]) => textParam(target)),
  );
  const variables: SimVariables = {};
  for (const [key, value] of Object.entries(params)) {
    if (isControlKey(key) || remapTargets.has(key)) continue;
    variables[scope === "client" ? `client.${key}` : key] = toVariableValue(value);
  }
  return variables;
}

function clientByIdParam({ state, params }: ActionContext): SimClient | undefined {
  const id = integerParam(aliasedParam(params, "client_id"));
  return id === undefined ? undefined : state.client(id);
}

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, "").replace(/^8(?=\d{10}$)/, "7");
}

function findByPhone(state: SalebotSimState, phone: string): SimClient | undefined {
  const wanted = digitsOf(phone);
  if (!wanted) return undefined;
  return state.clients().find((client) => {
    const stored = textParam(client.clientVariables["phone"]);
    if (stored !== undefined && digitsOf(stored) === wanted) return true;
    return client.clientType === 6 && digitsOf(client.platformId.replace("@s.whatsapp.net", "")) === wanted;
  });
}

function fireCallback(context: ActionContext, client: SimClient, text: string): SimResponse {
  const { state, config, params } = context;
  state.saveVariables(client.id, extraVariables(params, config.callbackVariablesScope));
  const item = state.addHistory(client.id, { text, fromClient: true, messageFromOutside: 3 });
  if (config.webhookOnCallback) context.emit(client, item);
  return acknowledgement(config);
}

const callback: ActionHandler = (context) => {
  const { state, config, params } = context;
  const phone = textParam(aliasedParam(params, "phone") ?? params["client_phone"]);
  const email = textParam(aliasedParam(params, "email") ?? params["client_email"]);
  const client =
    clientByIdParam(context) ??
    (phone ? findByPhone(state, phone) : undefined) ??
    (email ? state.findByVariable("email", email)[0] : undefined);
  if (!client) return config.clientNotFoundAnswer;
  return fireCallback(context, client, textParam(aliasedParam(params, "message")) ?? "");
};

const tgCallback: ActionHandler = (context) => {
  const { state, config, params } = context;
  const userId = textParam(aliasedParam(params, "user_id"));
  const bot = textParam(aliasedParam(params, "group_id"));
  if (!userId || !bot) return fail('Parameters "user_id" and "group_id" required');
  const client =
    state.findByPlatformId(userId, bot, TELEGRAM_CLIENT_TYPE)[0] ??
    (config.tgCallbackCreatesClient
      ? state.addClient({ platformId: userId, group: bot, clientType: TELEGRAM_CLIENT_TYPE })
      : undefined);
  if (!client) return config.clientNotFoundAnswer;
  return fireCallback(context, client, textParam(aliasedParam(params, "message")) ?? "");
};

const message: ActionHandler = (context) => {
  const { state, config, params } = context;
  const client = clientByIdParam(context);
  if (!client) return config.clientNotFoundAnswer;
  const text = textParam(aliasedParam(params, "message"));
  const blockId = textParam(params["message_id"]);
  const attachmentUrl = textParam(params["attachment_url"]);
  if (text === undefined && blockId === undefined && attachmentUrl === undefined)
    return fail('Parameter "message" required');
  const item = state.addHistory(client.id, {
    text: text ?? "",
    fromClient: false,
    messageFromOutside: 1,
    blockId: blockId ?? null,
    attachments: attachmentUrl ? [attachmentUrl] : [],
  });
  context.emit(client, item);
  return acknowledgement(config);
};

const saveVariables: ActionHandler = (context) => {
  const { state, config, params } = context;
  const variables = dictParam(params["variables"]);
  if (!variables) return fail('Parameter "variables" required');
  const single = integerParam(aliasedParam(params, "client_id"));
  const ids = single !== undefined ? [single] : listParam(params["clients"]).map(integerParam);
  const clients = ids.map((id) => (id === undefined ? undefined : state.client(id)));
  if (clients.length === 0 || clients.some((client) => !client)) return config.clientNotFoundAnswer;
  const values: SimVariables = Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [name, toVariableValue(value)]),
  );
  for (const client of clients) if (client) state.saveVariables(client.id, values);
  return acknowledgement(config);
};

function stringValues(variables: SimVariables): SimVariables {
  return Object.fromEntries(
    Object.entries(variables).map(([name, value]) => [
      name,
      value === null || typeof value === "string"
        ? value
        : typeof value === "object"
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}

const getVariables: ActionHandler = (context) => {
  const client = clientByIdParam(context);
  if (!client) return context.config.clientNotFoundAnswer;
  const saved = context.state.variablesOf(client.id);
  const variables = context.config.variableValuesAsStrings ? stringValues(saved) : saved;
  return ok(context.config.getVariablesShape === "nested" ? { status: "success", variables } : variables);
};

const findClientIdByVar: ActionHandler = ({ state, config, params }) => {
  const name = textParam(params["var"]);
  const value = textParam(params["val"]);
  if (!name || value === undefined) return fail('Parameters "var" and "val" required');
  const found = state.findByVariable(name, value, {
    searchInDeals: textParam(params["search_in"]) === "order",
    group: textParam(params["group_id"]),
  })[0];
  if (found) return ok({ status: "success", client_id: found.id });
  if (config.findByVarNotFound === "http_404")
    return { status: 404, body: { status: "fail", message: "Client not found" } };
  if (config.findByVarNotFound === "null_client_id") return ok({ status: "success", client_id: null });
  return fail("Client not found");
};

function clientJson(client: SimClient, projectId: number) {
  return {
    id: client.id,
    platform_id: client.platformId,
    client_type: client.clientType,
    name: client.name,
    avatar: client.avatar,
    message_id: null,
    project_id: projectId,
    created_at: Math.floor(client.createdAt.getTime() / 1000),
    updated_at: Math.floor(client.updatedAt.getTime() / 1000),
    custom_answer: null,
    tag: client.tag,
    group: client.group,
    operator_start_dialog: null,
  };
}

const findClientIdByPlatformId: ActionHandler = ({ state, params }) => {
  const platformIds = listParam(params["platform_ids"]).map(textParam);
  const group = textParam(params["group_id"]);
  const found = platformIds.flatMap((platformId) =>
    platformId === undefined ? [] : state.findByPlatformId(platformId, group),
  );
  // The documented answer is a top-level array with the client's variables [C].
  return ok(
    found.map((client) => ({
      id: client.id,
      tag: client.tag,
      created_at: Math.floor(client.createdAt.getTime() / 1000),
      name: client.name,
      avatar: client.avatar,
      platform_id: client.platformId,
      group: client.group,
      variables: client.clientVariables,
    })),
  );
};

const getClients: ActionHandler = ({ state, config, params }) => {
  const offset = Math.max(0, integerParam(params["offset"]) ?? 0);
  const limit = Math.min(500, Math.max(1, integerParam(params["limit"]) ?? 500));
  const listId = integerParam(params["list"]);
  let clients = state.clients();
  if (listId !== undefined) {
    const members = new Set(state.listMembers(listId));
    clients = clients.filter((client) => members.has(client.id));
  } else if (!flagParam(params["reverse"])) {
    // Newest first unless `reverse` (which Salebot honours only without `list`).
    clients = clients.reverse();
  }
  return ok({
    status: "success",
    clients: clients.slice(offset, offset + limit).map((c) => clientJson(c, config.projectId)),
  });
};

/** `dd.mm.yyyy` → start of that UTC day. */
function parseSalebotDate(text: string | undefined): Date | undefined {
  const match = text ? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(text.trim()) : null;
  if (!match) return undefined;
  return new Date(Date.UTC(Number(match[3]), Number(match[2]) - 1, Number(match[1])));
}

const getHistory: ActionHandler = (context) => {
  const { params } = context;
  const client = clientByIdParam(context);
  if (!client) return context.config.clientNotFoundAnswer;
  const limit = Math.min(2000, Math.max(1, integerParam(params["limit"]) ?? 2000));
  const startText = textParam(params["start_date"]);
  const stopText = textParam(params["stop_date"]);
  if ((startText === undefined) !== (stopText === undefined))
    return fail("start_date and stop_date must be passed together");
  const start = parseSalebotDate(startText);
  const stop = parseSalebotDate(stopText);
  if ((startText && !start) || (stopText && !stop)) return fail("Error in parameter format");
  const items = client.history
    .filter(
      (item) => !start || !stop || (item.createdAt >= start && item.createdAt.getTime() < stop.getTime() + 86_400_000),
    )
    .slice(-limit);
  return ok({
    status: "success",
    result: items.map((item) => ({
      id: item.id,
      answered: true,
      client_replica: item.clientReplica,
      message_id: item.blockId === null ? null : Number(item.blockId) || item.blockId,
      message_from_outside: item.messageFromOutside,
      created_at: Math.floor(item.createdAt.getTime() / 1000),
      text: item.text,
      attachments: item.attachments.length > 0 ? { urls: item.attachments } : {},
      delivered: item.delivered,
      error_message: item.delivered ? null : "send failed",
      manager_id: null,
      manager_email: null,
    })),
  });
};

const whatsappClientId: ActionHandler = ({ state, params }) => {
  const phone = textParam(params["phone"]);
  const client = phone ? findByPhone(state, phone) : undefined;
  // The one documented HTTP status: 404 when no client has that number [C].
  return client ? ok({ client_id: client.id }) : { status: 404, body: { status: "fail", message: "Client not found" } };
};

const addToList: ActionHandler = ({ state, config, params }) => {
  const listId = integerParam(params["list_id"]);
  if (listId === undefined) return fail('Parameter "list_id" required');
  const ids = listParam(params["clients"]).flatMap((id) => {
    const numeric = integerParam(id);
    return numeric === undefined ? [] : [numeric];
  });
  state.addToList(listId, ids);
  return acknowledgement(config);
};

const clearHistory: ActionHandler = (context) => {
  const client = clientByIdParam(context);
  if (!client) return context.config.clientNotFoundAnswer;
  client.history.length = 0;
  return acknowledgement(context.config);
};

const connectedChannels: ActionHandler = ({ state, config }) => {
  const telegramBots = [
    ...new Set(
      state
        .clients()
        .filter((c) => c.clientType === TELEGRAM_CLIENT_TYPE)
        .map((c) => c.group),
    ),
  ];
  const vkGroups = [
    ...new Set(
      state
        .clients()
        .filter((c) => c.clientType === 0)
        .map((c) => c.group),
    ),
  ];
  return ok({
    project_id: config.projectId,
    telegram: telegramBots.map((bot, index) => ({
      id: index + 1,
      short_name: bot,
      name: bot,
      enabled: true,
      group_id: bot,
    })),
    vkontakte: vkGroups.map((group, index) => ({ id: index + 1, group, group_id: group })),
    viber: [],
    facebook: [],
    whatsapp: [],
    avito: [],
    ok: [],
  });
};

export const SALEBOT_SIM_ACTIONS: Readonly<Record<string, ActionHandler>> = {
  callback,
  tg_callback: tgCallback,
  message,
  save_variables: saveVariables,
  get_variables: getVariables,
  find_client_id_by_var: findClientIdByVar,
  find_client_id_by_platform_id: findClientIdByPlatformId,
  get_clients: getClients,
  get_history: getHistory,
  whatsapp_client_id: whatsappClientId,
  add_to_list: addToList,
  clear_history: clearHistory,
  connected_channels: connectedChannels,
};
