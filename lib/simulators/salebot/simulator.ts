import type { FaultInjector } from "@/lib/simulators/shared/faults";
import { type SimRequest, type SimResponse, startSimulatorServer } from "@/lib/simulators/shared/http-server";
import { SALEBOT_SIM_ACTIONS } from "./actions";
import { salebotDialogCard } from "./cards";
import { defaultSalebotSimulatorConfig, type SalebotSimulatorConfig } from "./config";
import { type GeneratedConversations, type GeneratedMessage, seedConversations } from "./conversations";
import { readSimParams } from "./params";
import { SalebotSimState, type SimClient, type SimHistoryItem } from "./state";
import {
  postWebhook,
  postWebhooks,
  type PostWebhooksOptions,
  type PostWebhooksResult,
  type SalebotWebhookJson,
  type WebhookDelivery,
  webhookJsonOf,
} from "./webhooks";

export type SalebotSimulatorOptions = Partial<SalebotSimulatorConfig> & {
  port?: number;
  /** Clock for new clients and history; tests may pin it. */
  now?: () => Date;
};

export type SalebotSimulator = {
  /** `http://127.0.0.1:{port}` */
  url: string;
  /** What to give the client as `apiUrl` (mirrors `https://chatter.salebot.pro/api`). */
  apiUrl: string;
  /** The first accepted key. */
  apiKey: string;
  state: SalebotSimState;
  /** Mutable at run time: flip inferred behaviours mid-test. */
  config: SalebotSimulatorConfig;
  faults: FaultInjector;
  /** Every request seen, newest last. */
  calls: SimRequest[];
  /** The request path of an action as the client sends it, for `FaultRule.pathPrefix`. */
  actionPath(action: string, apiKey?: string): string;
  /** Webhooks fired by `message` (and `callback` when enabled), with their outcome. */
  webhookDeliveries: WebhookDelivery[];
  /** Waits until the webhooks fired so far have been answered. */
  flushWebhooks(): Promise<void>;
  seedConversations(generated: GeneratedConversations): void;
  /**
   * A customer presses `t.me/<bot>?start=<code>`: Telegram sends `/start <code>` as the client's
   * message, and a client the bot has not met yet gets the code as its tag («ключ подписки»), as
   * public Salebot integrations read it. Fires the project webhook; answers its JSON.
   */
  pressStartLink(clientId: number, code: string): SalebotWebhookJson;
  /** Posts generated (or hand-made) webhook JSON to a receiver, no retries, per-client order kept. */
  postWebhooks(
    url: string,
    messages: readonly (GeneratedMessage | SalebotWebhookJson)[],
    options?: PostWebhooksOptions,
  ): Promise<PostWebhooksResult>;
  close(): Promise<void>;
};

const API_PREFIX = "api";

/** `/api/{key}/{action}` or `/{key}/{action}` → the two parts, or null. */
function routeOf(pathname: string): { apiKey: string; action: string } | null {
  const segments = pathname.split("/").filter((segment) => segment.length > 0);
  const relevant = segments.length === 3 && segments[0] === API_PREFIX ? segments.slice(1) : segments;
  const [apiKey, action] = relevant;
  if (relevant.length !== 2 || !apiKey || !action) return null;
  try {
    return { apiKey: decodeURIComponent(apiKey), action };
  } catch {
    return null;
  }
}

export async function startSalebotSimulator(options: SalebotSimulatorOptions = {}): Promise<SalebotSimulator> {
  const { port, now, ...overrides } = options;
  const config = defaultSalebotSimulatorConfig(overrides);
  const state = new SalebotSimState(now);
  const webhookDeliveries: WebhookDelivery[] = [];
  const inFlight = new Set<Promise<void>>();

  const emit = (client: SimClient, item: SimHistoryItem): void => {
    const url = config.webhookUrl;
    if (!url) return;
    const payload = webhookJsonOf(client, item, config.projectId, {
      attachmentsAsRepr: config.webhookAttachmentsAsRepr,
    });
    const delivery = postWebhook(url, payload).then((result) => {
      webhookDeliveries.push(result);
    });
    inFlight.add(delivery);
    void delivery.finally(() => inFlight.delete(delivery));
  };

  const handle = (request: SimRequest): SimResponse => {
    const dialog =
      request.method === "GET" ? salebotDialogCard(state, config.projectId, request.path.replace(/\/+$/, "")) : null;
    if (dialog) return dialog;
    const route = routeOf(request.path);
    if (!route) return { status: 404, body: { status: "fail", message: "Not found" } };
    if (!config.apiKeys.includes(route.apiKey)) return config.unknownKeyAnswer;
    if (!config.planHasApi) return config.noApiPlanAnswer;
    const action = SALEBOT_SIM_ACTIONS[route.action];
    if (!action) return { status: 404, body: { status: "fail", message: `Unknown method ${route.action}` } };
    const { params, bodyIsBrokenJson } = readSimParams(request);
    if (bodyIsBrokenJson) return { status: 400, body: { status: "fail", message: "Error in parameter format" } };
    return action({ state, config, params, emit });
  };

  const server = await startSimulatorServer(handle, { port });
  const flushWebhooks = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };

  return {
    url: server.url,
    apiUrl: `${server.url}/${API_PREFIX}`,
    get apiKey() {
      const first = config.apiKeys[0];
      if (first === undefined) throw new Error("salebot simulator: no API key configured");
      return first;
    },
    state,
    config,
    faults: server.faults,
    calls: server.calls,
    actionPath: (action, apiKey) => `/${API_PREFIX}/${encodeURIComponent(apiKey ?? config.apiKeys[0] ?? "")}/${action}`,
    webhookDeliveries,
    flushWebhooks,
    seedConversations: (generated) => seedConversations(state, generated),
    pressStartLink(clientId, code) {
      const client = state.client(clientId);
      if (!client) throw new Error(`salebot simulator: no client ${clientId}`);
      if (!client.tag && client.history.length === 0) client.tag = code;
      const item = state.addHistory(clientId, { text: `/start ${code}`, fromClient: true });
      emit(client, item);
      return webhookJsonOf(client, item, config.projectId);
    },
    postWebhooks: (url, messages, postOptions) =>
      postWebhooks(
        url,
        messages.map((message) => ("payload" in message ? message.payload : message)),
        postOptions,
      ),
    async close() {
      await flushWebhooks();
      await server.close();
    },
  };
}

export { defaultSalebotSimulatorConfig, SALEBOT_NO_API_PLAN_ANSWERS, SALEBOT_REJECTIONS } from "./config";
export type { SalebotSimulatorConfig } from "./config";
export { DEFAULT_SIM_BOTS, generateConversations } from "./conversations";
export type { GeneratedConversation, GeneratedConversations, GeneratedMessage, SimBot } from "./conversations";
export type { NewSimClient, SimClient, SimHistoryItem } from "./state";
export type { SalebotWebhookJson, WebhookDelivery } from "./webhooks";
