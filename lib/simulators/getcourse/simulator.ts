import { startSimulatorServer, type SimRequest, type SimResponse } from "@/lib/simulators/shared/http-server";
import { CallbackDispatcher, type Delivery, type ProcessCallbackConfig, type TechEventType } from "./callbacks";
import { getCourseCard } from "./cards";
import { SimExportRegistry } from "./exports";
import { handleLegacyAccount, handleLegacyImport, type LegacySimContext } from "./legacy";
import { DEFAULT_BEHAVIOUR, type SimulatorBehaviour } from "./options";
import { GetCourseSimState } from "./state";
import { handleTechApi, type TechSimContext, type TechWebhookSubscription } from "./tech";

export type { Delivery, ProcessCallbackConfig, TechEventType } from "./callbacks";
export type { SimulatorBehaviour } from "./options";
export type { DealChange, NewDeal, NewUser, SimDeal, SimField, SimUser } from "./state";
export { GetCourseSimState } from "./state";

export type GetCourseSimulatorOptions = {
  /** 0 (default) picks a free port on 127.0.0.1. */
  port?: number;
  /** Legacy import/export key the simulator accepts. */
  apiKey?: string;
  /** Tech API token (`devKey_schoolKey`) the simulator accepts. */
  techToken?: string;
  behaviour?: Partial<SimulatorBehaviour>;
};

export const SIMULATOR_DEFAULT_API_KEY = "sim-legacy-key-0001";
export const SIMULATOR_DEFAULT_TECH_TOKEN = "simdevkey_simschoolkey";

export type TechWebhookConfig = {
  url: string;
  /** Deliver as `{"json": {...}}`, as N8N saw on live accounts. */
  wrapInJson?: boolean;
  /** Default: all three deal events. */
  events?: TechEventType[];
};

const EVENT_IDS: Record<TechEventType, number> = {
  "getcourse/dealCreated": 1,
  "getcourse/dealStatusChanged": 2,
  "getcourse/dealPaid": 3,
};

export type GetCourseSimulator = Awaited<ReturnType<typeof startGetCourseSimulator>>;

/**
 * A local GetCourse account over HTTP: Legacy import/export, the field dictionary, Tech API v1,
 * and outgoing «Вызвать URL» / Tech API webhook calls. Point the client's `accountUrl` at `sim.url`.
 */
export async function startGetCourseSimulator(options: GetCourseSimulatorOptions = {}) {
  const apiKey = options.apiKey ?? SIMULATOR_DEFAULT_API_KEY;
  const techToken = options.techToken ?? SIMULATOR_DEFAULT_TECH_TOKEN;
  const behaviour: SimulatorBehaviour = { ...DEFAULT_BEHAVIOUR, ...options.behaviour };
  const state = new GetCourseSimState();
  const exports = new SimExportRegistry(() => behaviour);
  const dealWebhooks = new Map<number, TechWebhookSubscription>();
  const dispatcher = new CallbackDispatcher(state, () => behaviour, dealWebhooks);
  state.onDealChange = (change) => dispatcher.dispatch(change);
  // Every account has its owner, whom `common/get-personal-managers` lists.
  state.addStaff("owner@school.example", "admin");

  let accountUrl = "";
  const creations = { count: 0 };
  const legacy = (): LegacySimContext => ({ state, behaviour, apiKey, accountUrl, exports, creations });
  const tech = (): TechSimContext => ({ state, behaviour, techToken, dealWebhooks });

  const handler = (request: SimRequest): SimResponse => {
    const path = request.path.replace(/\/+$/, "");
    if (path === "/pl/api/users") return handleLegacyImport(legacy(), request, "users");
    if (path === "/pl/api/deals") return handleLegacyImport(legacy(), request, "deals");
    if (path.startsWith("/pl/api/v1/")) return handleTechApi(tech(), request, path.slice("/pl/api/v1/".length));
    if (path.startsWith("/pl/api/account/"))
      return handleLegacyAccount(legacy(), request, path.slice("/pl/api/account/".length));
    const card = request.method === "GET" ? getCourseCard(state, path) : null;
    if (card) return card;
    // What GetCourse answers for an address that is not an account.
    return { status: 404, body: "Wrong subdomain", headers: { "content-type": "text/plain; charset=utf-8" } };
  };

  const server = await startSimulatorServer(handler, { port: options.port });
  accountUrl = server.url;

  return {
    /** Base URL to use as the client's `accountUrl`. */
    url: server.url,
    apiKey,
    techToken,
    /** Inferred behaviours; change fields at run time. */
    behaviour,
    state,
    exports,
    /** Run-time faults (latency, 5xx, 429, timeout, malformed, empty). */
    faults: server.faults,
    /** Every HTTP request the simulator received. */
    calls: server.calls,
    /** Every outgoing callback/webhook attempt, in order. */
    deliveries: dispatcher.deliveries as readonly Delivery[],

    /** Replaces all process «Вызвать URL» operations with this one (null removes them). */
    configureProcessCallback(config: ProcessCallbackConfig | null): void {
      dispatcher.processCallbacks = config ? [config] : [];
    },
    /** Adds another process operation (several processes may watch the same orders). */
    addProcessCallback(config: ProcessCallbackConfig): void {
      dispatcher.processCallbacks.push(config);
    },
    /** Subscribes a URL to deal events, as `set-uri` does (one address per event). */
    configureTechWebhook(config: TechWebhookConfig | null): void {
      if (!config) return dealWebhooks.clear();
      for (const event of config.events ?? (Object.keys(EVENT_IDS) as TechEventType[])) {
        dealWebhooks.set(EVENT_IDS[event], { url: config.url, wrapInJson: config.wrapInJson ?? false });
      }
    },
    /** Resolves once every queued callback and webhook has been delivered (or failed). */
    flushDeliveries: () => dispatcher.idle(),

    async close(): Promise<void> {
      await dispatcher.idle();
      await server.close();
    },
  };
}
