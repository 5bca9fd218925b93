import type { SimulatorBehaviour } from "./options";
import { formatCallbackMoney, formatLocalDateTime, formatPhpDate, formatPlainMoney } from "./format";
import { UTM_KEYS, type DealChange, type GetCourseSimState, type SimDeal, type SimUser } from "./state";
import type { TechWebhookSubscription } from "./tech";
import { DEAL_STATUS_TITLES } from "@/lib/getcourse/statuses";

/**
 * Calls GetCourse makes to the outside (doc §6): process «Вызвать URL» with `{object.*}`
 * placeholders, and Tech API deal webhooks. Deliveries run one after another, like GetCourse's
 * callback queue, unsigned and without retries (GetCourse's retry policy is not documented).
 */

export type ProcessTrigger = "created" | "status_changed" | "paid";

export type ProcessCallbackConfig = {
  /** e.g. `http://hub/api/webhooks/getcourse?deal_id={object.id}&email={object.user.email}`. */
  urlTemplate: string;
  method?: "GET" | "POST";
  /** POST body: none (data only in the URL, the official form), form or JSON built from `bodyTemplate`. */
  bodyType?: "none" | "form" | "json";
  bodyTemplate?: Record<string, string>;
  headers?: Record<string, string>;
  /** Which deal changes start the process. Default: all. */
  on?: ProcessTrigger[];
};

export type TechEventType = "getcourse/dealCreated" | "getcourse/dealStatusChanged" | "getcourse/dealPaid";

export type Delivery = {
  channel: "process" | "tech";
  /** `created`/`status_changed`/`paid` for processes; the eventType for Tech API webhooks. */
  event: string;
  url: string;
  method: "GET" | "POST";
  contentType: string | undefined;
  body: string | undefined;
  /** HTTP status the receiver answered, or undefined when the call failed (see `error`). */
  status: number | undefined;
  error: string | undefined;
};

const PLACEHOLDER = /\{([^{}]+)\}/g;

type PlaceholderSource = { deal: SimDeal; user: SimUser; state: GetCourseSimState; behaviour: SimulatorBehaviour };

function dateValue(date: Date | undefined, format: string | undefined, behaviour: SimulatorBehaviour): string {
  if (!date) return "";
  return format
    ? formatPhpDate(date, format, behaviour.timeZoneOffsetMinutes)
    : formatLocalDateTime(date, behaviour.timeZoneOffsetMinutes);
}

/** The value of one placeholder, or undefined when GetCourse would not know it. */
export function placeholderValue(expression: string, source: PlaceholderSource): string | undefined {
  const match = /^\s*([^\s]+)(?:\s+format=['"]([^'"]*)['"])?\s*$/.exec(expression);
  if (!match) return undefined;
  const name = match[1] ?? "";
  const format = match[2];
  const { deal, user, state, behaviour } = source;
  const left = Math.max(0, deal.cost - deal.payedMoney);
  const objectValues: Record<string, () => string> = {
    id: () => String(deal.id),
    number: () => deal.number,
    positions: () => deal.productTitle,
    offers: () => deal.offerId,
    cost_money: () => formatCallbackMoney(deal.cost, deal.currency),
    cost_money_value: () => formatPlainMoney(deal.cost),
    left_cost_money: () => formatCallbackMoney(left, deal.currency),
    payed_money: () => formatCallbackMoney(deal.payedMoney, deal.currency),
    status: () => (behaviour.callbackStatusAs === "title" ? DEAL_STATUS_TITLES[deal.status] : deal.status),
    payment_link: () => "",
    promocode: () => deal.promocode,
    manager: () => deal.managerEmail,
    created_at: () => dateValue(deal.createdAt, format, behaviour),
    payed_at: () => dateValue(deal.payedAt, format, behaviour),
    ...Object.fromEntries(UTM_KEYS.map((key) => [`deal_${key}`, () => deal.utm[key] ?? ""])),
  };
  const userValues: Record<string, () => string> = {
    id: () => String(user.id),
    email: () => user.email,
    phone: () => user.phone,
    first_name: () => user.firstName,
    last_name: () => user.lastName,
    name: () => [user.firstName, user.lastName].filter(Boolean).join(" "),
    city: () => user.city,
    avatar_url: () => "",
    ...Object.fromEntries(UTM_KEYS.map((key) => [key, () => user.utm[key] ?? ""])),
  };
  if (name === "manager_email") return deal.managerEmail;
  if (name.startsWith("object.user.")) {
    const key = name.slice("object.user.".length);
    const known = userValues[key];
    if (known) return known();
    const field = state.findField(key, "user");
    return field ? (user.fields[field.id] ?? "") : undefined;
  }
  if (name.startsWith("object.")) return objectValues[name.slice("object.".length)]?.();
  return undefined;
}

/** Substitutes placeholders; values are percent-encoded in URLs and raw in bodies. */
export function renderTemplate(template: string, source: PlaceholderSource, encode: boolean): string {
  return template.replace(PLACEHOLDER, (whole, expression: string) => {
    const value = placeholderValue(expression, source);
    if (value === undefined) return source.behaviour.unknownPlaceholder === "keep" ? whole : "";
    return encode ? encodeURIComponent(value) : value;
  });
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** Tech API deal event body (doc §6.2), including its quirks. */
export function techEventBody(
  eventType: TechEventType,
  deal: SimDeal,
  user: SimUser,
  behaviour: SimulatorBehaviour,
  now: Date = new Date(),
) {
  const isPayed = deal.status === "payed";
  const live = behaviour.techDeliveryShape === "live";
  // Live: account-local creation time with a Z appended, the same in every delivery of the order;
  // ts64 is the true instant. Published samples: the delivery time, in UTC.
  const tsDate = live ? deal.createdAt : now;
  const ts = live
    ? `${formatPhpDate(deal.createdAt, "Y-m-dTH:i:s", behaviour.timeZoneOffsetMinutes)}Z`
    : isoSeconds(now);
  return {
    ts,
    ts64: Math.floor(tsDate.getTime() / 1000),
    eventType,
    gcAccountId: behaviour.gcAccountId,
    gcSessionId: null,
    gcVisitorId: null,
    user: { id: `${behaviour.gcAccountId}:${user.id}`, cuid: null, gcId: user.id, type: "Real", email: user.email },
    deal: {
      id: String(deal.id),
      number: Number(deal.number),
      status: deal.status,
      isPayed: behaviour.webhookIsPayedAs === "number" ? (isPayed ? 1 : 0) : isPayed,
      cost: deal.cost,
      payedValue: deal.payedMoney,
      currency: deal.currency,
      offerIds: deal.offerId ? [Number(deal.offerId)] : [],
      createdAt: isoSeconds(deal.createdAt),
      // A string in dealCreated, a number elsewhere (NIK `deal/created.json`).
      clientDealNumber: live && eventType === "getcourse/dealCreated" ? "1" : 1,
    },
  };
}

/** The delivery's JSON: live deliveries are always wrapped; published ones when the subscription says so. */
export function techDeliveryBody(
  inner: ReturnType<typeof techEventBody>,
  subscription: TechWebhookSubscription,
  behaviour: SimulatorBehaviour,
): string {
  const wrap = behaviour.techDeliveryShape === "live" || subscription.wrapInJson;
  return JSON.stringify(wrap ? { json: inner } : inner);
}

const TECH_EVENT_IDS: Record<TechEventType, number> = {
  "getcourse/dealCreated": 1,
  "getcourse/dealStatusChanged": 2,
  "getcourse/dealPaid": 3,
};

/** Which Tech API events one deal change produces: a payment gives dealPaid and dealStatusChanged. */
export function techEventsFor(change: DealChange): TechEventType[] {
  if (change.kind === "created") {
    return change.deal.status === "payed" ? ["getcourse/dealCreated", "getcourse/dealPaid"] : ["getcourse/dealCreated"];
  }
  return change.becamePaid ? ["getcourse/dealPaid", "getcourse/dealStatusChanged"] : ["getcourse/dealStatusChanged"];
}

function processTriggersFor(change: DealChange): ProcessTrigger[] {
  if (change.kind === "created") return change.deal.status === "payed" ? ["created", "paid"] : ["created"];
  return change.becamePaid ? ["status_changed", "paid"] : ["status_changed"];
}

export class CallbackDispatcher {
  readonly deliveries: Delivery[] = [];
  processCallbacks: ProcessCallbackConfig[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: GetCourseSimState,
    private readonly behaviour: () => SimulatorBehaviour,
    readonly dealWebhooks: Map<number, TechWebhookSubscription>,
  ) {}

  /** Queues everything one deal change causes. */
  dispatch(change: DealChange): void {
    const behaviour = this.behaviour();
    const source = { deal: change.deal, user: change.user, state: this.state, behaviour };
    const triggers = processTriggersFor(change);
    for (const callback of this.processCallbacks) {
      const wanted = callback.on ?? ["created", "status_changed", "paid"];
      // A process fires once per change, even when the change matches several of its triggers.
      const trigger = triggers.find((candidate) => wanted.includes(candidate));
      if (trigger) this.enqueue(() => this.sendProcessCallback(callback, trigger, source));
    }
    for (const eventType of techEventsFor(change)) {
      const subscription = this.dealWebhooks.get(TECH_EVENT_IDS[eventType]);
      if (!subscription) continue;
      const body = techDeliveryBody(
        techEventBody(eventType, change.deal, change.user, behaviour),
        subscription,
        behaviour,
      );
      this.enqueue(() =>
        this.deliver({
          channel: "tech",
          event: eventType,
          url: subscription.url,
          method: "POST",
          contentType: "application/json",
          body,
        }),
      );
    }
  }

  /** Resolves when every queued delivery has finished. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.queue;
      await seen;
    } while (seen !== this.queue);
  }

  private enqueue(task: () => Promise<void>): void {
    this.queue = this.queue.then(task, task);
  }

  private sendProcessCallback(
    callback: ProcessCallbackConfig,
    trigger: ProcessTrigger,
    source: PlaceholderSource,
  ): Promise<void> {
    const method = callback.method ?? "GET";
    const url = renderTemplate(callback.urlTemplate, source, true);
    const bodyType = method === "POST" ? (callback.bodyType ?? "none") : "none";
    const fields = Object.fromEntries(
      Object.entries(callback.bodyTemplate ?? {}).map(([name, template]) => [
        name,
        renderTemplate(template, source, false),
      ]),
    );
    const body =
      bodyType === "json"
        ? JSON.stringify(fields)
        : bodyType === "form"
          ? new URLSearchParams(fields).toString()
          : undefined;
    const contentType =
      bodyType === "json" ? "application/json" : bodyType === "form" ? "application/x-www-form-urlencoded" : undefined;
    return this.deliver({
      channel: "process",
      event: trigger,
      url,
      method,
      contentType,
      body,
      headers: callback.headers,
    });
  }

  private async deliver(
    request: Omit<Delivery, "status" | "error"> & { headers?: Record<string, string> },
  ): Promise<void> {
    const { headers, ...logged } = request;
    const delivery: Delivery = { ...logged, status: undefined, error: undefined };
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: { ...(request.contentType ? { "content-type": request.contentType } : {}), ...headers },
        body: request.body,
        signal: AbortSignal.timeout(this.behaviour().deliveryTimeoutMs),
      });
      await response.arrayBuffer();
      delivery.status = response.status;
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    this.deliveries.push(delivery);
  }
}
