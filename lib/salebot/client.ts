import type { z } from "zod";
import { isOutboundError, type OutboundError } from "@/lib/outbound/errors";
import { fetchJson, type OutboundResponse } from "@/lib/outbound/fetch-json";
import { redactText } from "@/lib/outbound/redact";
import { callWithRetry, DEFAULT_RETRY, type RetryPolicy } from "@/lib/outbound/retry";
import { failureOfAnswer, malformedAnswer, SALEBOT_SERVICE } from "./answer-errors";
import { jsonOfPythonRepr } from "./lenient-json";
import {
  findByPlatformIdAnswer,
  findClientIdAnswer,
  getClientsAnswer,
  getHistoryAnswer,
  getVariablesAnswer,
  type SalebotClientRecord,
  type SalebotHistoryItem,
  type SalebotVariables,
} from "./schemas";
import { DEFAULT_SALEBOT_API_URL, salebotActionUrl, salebotDialogUrl, salebotWebUrl } from "./urls";

export type SalebotClientConfig = {
  /** Default https://chatter.salebot.pro/api; any base URL so the simulator can stand in. */
  apiUrl?: string;
  apiKey: string;
  projectId: string | number;
  /** Telegram bot username (ends in `bot`): the `group_id` of `tg_callback` and platform-id lookups. */
  botUsername?: string;
  /** Per HTTP exchange, not per call with its retries. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Receives redacted lines (retries); never the API key. */
  log?: (line: string) => void;
  /** Told of every HTTP request about to go out, retries included: Salebot counts each against the plan. */
  countCall?: (action: string) => void;
  /** Receives each answer that did not parse (the error still reaches the caller), for the admins' view. */
  onMalformedAnswer?: (sample: { call: string; body: unknown; message: string; secrets: readonly string[] }) => void;
};

/** Values Salebot stores as variables; objects are sent as JSON. */
export type SalebotVariableInput = string | number | boolean | null;

export type SalebotSchedule = {
  /** Seconds from now; wins over `sendTime` (doc §2). */
  timeShiftSeconds?: number;
  /** Salebot's own format `YYYY-MM-DD HH:MM:SS`, in the project's time zone. */
  sendTime?: string;
};

export type CallbackInput = SalebotSchedule & {
  clientId: string | number;
  /** The hidden callback text a block condition matches, e.g. `gc_order_paid`. */
  message: string;
  /** Extra keys: Salebot stores them as variables (scope undocumented). */
  variables?: Record<string, SalebotVariableInput>;
  /** Takes the bot off pause for this client. */
  resumeBot?: boolean;
};

export type TelegramCallbackInput = Omit<CallbackInput, "clientId"> & {
  telegramId: string | number;
  /** Defaults to the configured `botUsername`. */
  botUsername?: string;
};

export type MessageInput = SalebotSchedule & {
  clientId: string | number;
  text?: string;
  /** Send this bot block instead of text (Salebot's `message_id`). */
  blockId?: string | number;
  attachmentType?: "image" | "video" | "link" | "file" | "audio";
  attachmentUrl?: string;
};

export type VariableScope = "deal" | "client";

export type SaveVariablesInput = {
  clientId: string | number;
  variables: Record<string, SalebotVariableInput>;
  /**
   * Salebot writes unprefixed names to the client's current deal (default, as the API does);
   * `client` prefixes names with `client.` so they land on the client profile and outlive deals.
   */
  scope?: VariableScope;
};

export type FindClientIdByVarInput = {
  name: string;
  value: string | number;
  /** Restrict to one bot (Telegram: its username). */
  groupId?: string;
  /** Search deal variables instead of client variables (`search_in=order`). */
  searchInDeals?: boolean;
};

export type GetClientsInput = { offset?: number; limit?: number; listId?: number; oldestFirst?: boolean };

export type GetHistoryInput = {
  clientId: string | number;
  /** ≤ 2000 (Salebot's cap and default). */
  limit?: number;
  /** Both or neither (Salebot requires the pair). */
  between?: { start: Date; stop: Date };
};

export type SalebotClient = {
  readonly projectId: string;
  callback(input: CallbackInput): Promise<void>;
  tgCallback(input: TelegramCallbackInput): Promise<void>;
  message(input: MessageInput): Promise<void>;
  saveVariables(input: SaveVariablesInput): Promise<void>;
  getVariables(clientId: string | number): Promise<SalebotVariables>;
  /** null when no client has that variable value. */
  findClientIdByVar(input: FindClientIdByVarInput): Promise<number | null>;
  /** Clients with these messenger ids in one bot (`group_id`, default `botUsername`); [] when none. */
  findClientsByPlatformId(platformIds: readonly (string | number)[], groupId?: string): Promise<SalebotClientRecord[]>;
  /** The Telegram bot client of a Telegram user id, or null. */
  findClientByTelegramId(telegramId: string | number, botUsername?: string): Promise<SalebotClientRecord | null>;
  getClients(input?: GetClientsInput): Promise<SalebotClientRecord[]>;
  /** Every client, page by page (500 each), until a short page. */
  listAllClients(input?: Omit<GetClientsInput, "offset">): AsyncGenerator<SalebotClientRecord[]>;
  getHistory(input: GetHistoryInput): Promise<SalebotHistoryItem[]>;
  dialogUrl(clientId: string | number): string;
};

export const SALEBOT_MAX_CLIENTS_PAGE = 500;
export const SALEBOT_MAX_HISTORY = 2000;
const DEFAULT_TIMEOUT_MS = 10_000;

type Exchange = {
  action: string;
  method: "GET" | "POST";
  query?: Record<string, string | number | undefined>;
  json?: unknown;
};

function toQuery(values: Record<string, string | number | undefined> = {}): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) query.set(key, String(value));
  return query;
}

function scheduleFields(input: SalebotSchedule): Record<string, string | number> {
  const fields: Record<string, string | number> = {};
  if (input.timeShiftSeconds !== undefined) fields["time_shift"] = input.timeShiftSeconds;
  if (input.sendTime !== undefined) fields["send_time"] = input.sendTime;
  return fields;
}

/** Salebot's `dd.mm.yyyy` date (UTC calendar day). */
function salebotDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getUTCDate())}.${pad(date.getUTCMonth() + 1)}.${date.getUTCFullYear()}`;
}

function clampPositive(value: number | undefined, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return max;
  return Math.max(1, Math.min(max, Math.floor(value)));
}

export function createSalebotClient(config: SalebotClientConfig): SalebotClient {
  const apiUrl = config.apiUrl ?? DEFAULT_SALEBOT_API_URL;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const retry: RetryPolicy = { ...DEFAULT_RETRY, ...config.retry };
  const secrets = [config.apiKey, encodeURIComponent(config.apiKey)];
  const projectId = String(config.projectId);

  async function exchange({ action, method, query, json }: Exchange): Promise<OutboundResponse> {
    const url = salebotActionUrl(apiUrl, config.apiKey, action, toQuery(query));
    return callWithRetry(
      async () => {
        config.countCall?.(action);
        const raw = await fetchJson({
          service: SALEBOT_SERVICE,
          url,
          method,
          headers:
            json === undefined
              ? { accept: "application/json" }
              : { accept: "application/json", "content-type": "application/json" },
          body: json === undefined ? undefined : JSON.stringify(json),
          timeoutMs,
          secrets,
        });
        const response = raw.json === undefined ? { ...raw, json: jsonOfPythonRepr(raw.text) } : raw;
        const failure = failureOfAnswer(action, response, secrets);
        if (failure) throw failure;
        return response;
      },
      retry,
      (error: OutboundError, attempt, delayMs) =>
        config.log?.(
          redactText(
            `salebot ${action}: ${error.kind} (${error.message}); retry ${attempt + 1} in ${delayMs} ms`,
            secrets,
          ),
        ),
    );
  }

  /**
   * For writes whose answer Salebot leaves undocumented («Response 200: OK»): a 2xx answer is a
   * success whatever its body (empty, "OK", `{"status":"success"}`, `{"result":…}`, HTML), unless
   * the body says it failed (`failureOfAnswer`, run in `exchange`).
   */
  async function acknowledged(request: Exchange): Promise<void> {
    await exchange(request);
  }

  async function parsed<Schema extends z.ZodType>(request: Exchange, schema: Schema): Promise<z.output<Schema>> {
    const response = await exchange(request);
    const unreadable = (why: string) => {
      const error = malformedAnswer(request.action, response, secrets, why);
      config.onMalformedAnswer?.({
        call: request.action,
        body: response.json ?? response.text,
        message: error.message,
        secrets,
      });
      return error;
    };
    if (response.json === undefined)
      throw unreadable(response.text.trim() ? "a body that is not JSON" : "an empty body");
    const result = schema.safeParse(response.json);
    if (!result.success)
      throw unreadable(`an unexpected shape at ${result.error.issues[0]?.path.join(".") || "(root)"}`);
    return result.data;
  }

  function requireBot(botUsername: string | undefined): string {
    const bot = botUsername ?? config.botUsername;
    if (!bot) throw new Error("salebot: a bot username is needed (config.botUsername or the call's botUsername)");
    return bot;
  }

  async function findClientsByPlatformId(platformIds: readonly (string | number)[], groupId?: string) {
    const body: Record<string, unknown> = { platform_ids: platformIds.map(String) };
    const group = groupId ?? config.botUsername;
    if (group !== undefined) body["group_id"] = group;
    try {
      return await parsed(
        { action: "find_client_id_by_platform_id", method: "POST", json: body },
        findByPlatformIdAnswer,
      );
    } catch (error) {
      if (isOutboundError(error, "not_found")) return [];
      throw error;
    }
  }

  async function getClients(input: GetClientsInput = {}) {
    const answer = await parsed(
      {
        action: "get_clients",
        method: "GET",
        query: {
          offset: input.offset ?? 0,
          limit: clampPositive(input.limit, SALEBOT_MAX_CLIENTS_PAGE),
          list: input.listId,
          reverse: input.oldestFirst ? 1 : undefined,
        },
      },
      getClientsAnswer,
    );
    return answer;
  }

  return {
    projectId,

    async callback(input) {
      await acknowledged({
        action: "callback",
        method: "POST",
        // Extra keys first so they can never overwrite the call's own fields.
        json: {
          ...input.variables,
          ...scheduleFields(input),
          client_id: String(input.clientId),
          message: input.message,
          ...(input.resumeBot ? { resume_bot: true } : {}),
        },
      });
    },

    async tgCallback(input) {
      await acknowledged({
        action: "tg_callback",
        method: "POST",
        json: {
          ...input.variables,
          ...scheduleFields(input),
          user_id: String(input.telegramId),
          group_id: requireBot(input.botUsername),
          message: input.message,
          ...(input.resumeBot ? { resume_bot: true } : {}),
        },
      });
    },

    async message(input) {
      if (input.text === undefined && input.blockId === undefined && input.attachmentUrl === undefined) {
        throw new Error("salebot message: give text, blockId or attachmentUrl");
      }
      const body: Record<string, string | number> = { ...scheduleFields(input), client_id: String(input.clientId) };
      if (input.text !== undefined) body["message"] = input.text;
      if (input.blockId !== undefined) body["message_id"] = input.blockId;
      if (input.attachmentType !== undefined) body["attachment_type"] = input.attachmentType;
      if (input.attachmentUrl !== undefined) body["attachment_url"] = input.attachmentUrl;
      await acknowledged({ action: "message", method: "POST", json: body });
    },

    async saveVariables({ clientId, variables, scope = "deal" }) {
      const named: Record<string, SalebotVariableInput> = {};
      for (const [name, value] of Object.entries(variables)) {
        named[scope === "client" && !name.startsWith("client.") ? `client.${name}` : name] = value;
      }
      await acknowledged({
        action: "save_variables",
        method: "POST",
        json: { client_id: String(clientId), variables: named },
      });
    },

    async getVariables(clientId) {
      return parsed(
        { action: "get_variables", method: "GET", query: { client_id: String(clientId) } },
        getVariablesAnswer,
      );
    },

    async findClientIdByVar({ name, value, groupId, searchInDeals }) {
      try {
        const answer = await parsed(
          {
            action: "find_client_id_by_var",
            method: "GET",
            query: { var: name, val: String(value), group_id: groupId, search_in: searchInDeals ? "order" : undefined },
          },
          findClientIdAnswer,
        );
        return answer.client_id;
      } catch (error) {
        if (isOutboundError(error, "not_found")) return null;
        throw error;
      }
    },

    findClientsByPlatformId,

    async findClientByTelegramId(telegramId, botUsername) {
      const bot = requireBot(botUsername);
      const found = await findClientsByPlatformId([telegramId], bot);
      // Type 1 is the bot client; Telegram Business (16) and account (21) records share the platform id.
      return found.find((client) => client.clientType === 1 || client.clientType === null) ?? found[0] ?? null;
    },

    getClients,

    async *listAllClients(input = {}) {
      const limit = clampPositive(input.limit, SALEBOT_MAX_CLIENTS_PAGE);
      for (let offset = 0; ; offset += limit) {
        const page = await getClients({ ...input, offset, limit });
        if (page.length > 0) yield page;
        if (page.length < limit) return;
      }
    },

    async getHistory({ clientId, limit, between }) {
      const answer = await parsed(
        {
          action: "get_history",
          method: "GET",
          query: {
            client_id: String(clientId),
            limit: clampPositive(limit, SALEBOT_MAX_HISTORY),
            start_date: between ? salebotDate(between.start) : undefined,
            stop_date: between ? salebotDate(between.stop) : undefined,
          },
        },
        getHistoryAnswer,
      );
      return [...answer].sort((a, b) => a.id - b.id);
    },

    dialogUrl(clientId) {
      return salebotDialogUrl(projectId, clientId, salebotWebUrl(apiUrl));
    },
  };
}
