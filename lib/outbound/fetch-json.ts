import { EventEmitter } from "node:events";
import { Agent, buildConnector, type Dispatcher, interceptors } from "undici";
import { getEnv } from "@/lib/env";
import { timeUpstream } from "@/lib/observability/upstream-timing";
import { assertPublicLiteral, PrivateAddressError, publicOnlyLookup } from "./address-guard";
import { OutboundError } from "./errors";
import { transportMessage } from "./details";
import { redactUrl } from "./redact";

export type OutboundRequest = {
  service: string;
  url: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  timeoutMs: number;
  /** Strings to mask in error messages (API keys that live in the URL path). */
  secrets?: readonly string[];
  /** Whether private and loopback destinations may be reached; HUB_ALLOW_PRIVATE_UPSTREAMS unless given. */
  allowPrivate?: boolean;
};

export type OutboundResponse = { status: number; text: string; json: unknown };

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

/**
 * One HTTP exchange with a timeout. Transport failures, timeouts, 429 and 5xx become typed
 * errors; any other status is returned with the parsed body (`json` is undefined when the body is
 * not JSON) so that each client can read the service's own error shape.
 */
export async function fetchJson(request: OutboundRequest): Promise<OutboundResponse> {
  // The whole exchange, body included, counts as time spent waiting on the service.
  return timeUpstream(() => exchange(request));
}

async function exchange(request: OutboundRequest): Promise<OutboundResponse> {
  const where = redactUrl(request.url, request.secrets);
  let answer: RawAnswer;
  try {
    answer = await send(request);
  } catch (error) {
    const failure = error instanceof ExchangeFailure ? error : new ExchangeFailure("headers", false, error);
    const guard = refusedByGuard(failure.cause);
    if (guard) {
      const refused = "refused: the address is private or loopback (HUB_ALLOW_PRIVATE_UPSTREAMS is off)";
      throw new OutboundError(request.service, "rejected", `${where}: ${refused}`, {
        cause: guard,
        safeDetail: refused,
      });
    }
    if (failure.stage === "body") {
      throw new OutboundError(
        request.service,
        failure.timedOut ? "timeout" : "unavailable",
        transportMessage("answerBrokeOff", { where }),
        {
          cause: failure.cause,
        },
      );
    }
    throw new OutboundError(
      request.service,
      failure.timedOut ? "timeout" : "unavailable",
      failure.timedOut
        ? transportMessage("noAnswerFrom", { ms: String(request.timeoutMs), where })
        : transportMessage("cannotReach", { where }),
      { cause: failure.cause },
    );
  }
  const { status, text } = answer;

  if (status === 429) {
    throw new OutboundError(request.service, "rate_limited", transportMessage("rateLimited", { where }), {
      status: 429,
      retryAfterSeconds: parseRetryAfter(answer.header("retry-after")),
    });
  }
  if (status >= 500) {
    throw new OutboundError(
      request.service,
      "unavailable",
      transportMessage("httpStatusFrom", { status: String(status), where }),
      { status },
    );
  }

  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

/** The guard's refusal, wherever the connection's error chain carries it. */
function refusedByGuard(error: unknown): PrivateAddressError | undefined {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    if (at instanceof PrivateAddressError) return at;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The transport: undici's own pieces, composed on one Agent per guard setting. undici.request
// (not fetch) keeps the CPU cost per call low: no WHATWG Request/Response or streams per call
// (`npm run bench:link`: four calls per link). What callers saw from the earlier transports is
// kept: keep-alive pooling (the Agent's per-origin pools), fetch's default content types,
// redirects (up to 20, 303 and a redirected POST turning into GET: interceptors.redirect) but
// never to another origin, compressed answers decoded (interceptors.decompress, error answers
// too, since GetCourse and Salebot explain a refusal in the body), UTF-8 text without a BOM, and
// one deadline over the whole exchange, redirects and body included.

type RawAnswer = { status: number; text: string; header(name: string): string | null };

class ExchangeFailure extends Error {
  constructor(
    /** Whether the answer had begun (status and headers) when it failed. */
    readonly stage: "headers" | "body",
    readonly timedOut: boolean,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
  }
}

/** The one deadline over an exchange, in the shape undici accepts as a signal. */
class Deadline extends EventEmitter {
  aborted = false;
  reason: Error | undefined;

  expire(): void {
    this.aborted = true;
    this.reason = new Error("timed out");
    this.emit("abort");
  }
}

const MAX_REDIRECTS = 20;
const FOLLOWED = new Set([301, 302, 303, 307, 308]);
const utf8 = new TextDecoder("utf-8");

/**
 * Hides the Location of a redirect that must not be followed, so interceptors.redirect hands the
 * 3xx itself to the caller: one to another origin (a 307/308 would carry the body, where a
 * GetCourse key travels, and headers to a host nobody configured; an account that moved to its own
 * domain is configured there), a 300 (fetch never followed one), and one back to a URL already
 * visited (undici would throw on the loop; the hub always answered such a chain with its 3xx).
 * It sits just inside interceptors.redirect, so `handler` is the one redirect handler of the
 * exchange, hop after hop.
 */
const visitedBy = new WeakMap<object, Set<string>>();
const sameOriginRedirectsOnly: Dispatcher.DispatcherComposeInterceptor = (dispatch) => (options, handler) => {
  // Judged only when a 3xx arrives: most exchanges have none, and parse no URL here.
  const follows = (status: number, location: string | string[] | undefined): boolean => {
    if (!FOLLOWED.has(status)) return status !== 300;
    if (typeof location !== "string") return true; // nothing to follow
    const from = new URL(options.path, options.origin);
    const visited = visitedBy.get(handler) ?? new Set<string>();
    visitedBy.set(handler, visited.add(from.href));
    try {
      const next = new URL(location, from);
      return next.origin === from.origin && !visited.has(next.href);
    } catch {
      return false;
    }
  };
  return dispatch(options, {
    onRequestStart: (controller, context: unknown) => handler.onRequestStart?.(controller, context),
    onRequestUpgrade: (controller, status, headers, socket) =>
      handler.onRequestUpgrade?.(controller, status, headers, socket),
    onResponseStart: (controller, status, headers, message) => {
      if (status < 300 || status > 399 || follows(status, headers.location))
        return handler.onResponseStart?.(controller, status, headers, message);
      const { location: _hidden, ...rest } = headers;
      handler.onResponseStart?.(controller, status, rest, message);
    },
    onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => handler.onResponseEnd?.(controller, trailers),
    onResponseError: (controller, error) => handler.onResponseError?.(controller, error),
  });
};

/**
 * The guarded connector: an IP literal connects without a lookup, so it is checked here; a name
 * is resolved through publicOnlyLookup, so the address a socket connects to is the address that
 * was checked (a redirect, being same-origin, goes through the same check).
 */
function guardedConnector(): buildConnector.connector {
  const connect = buildConnector({ lookup: publicOnlyLookup });
  return (options, callback) => {
    try {
      assertPublicLiteral(options.hostname);
    } catch (error) {
      return callback(error as Error, null);
    }
    return connect(options, callback);
  };
}

function dispatcher(guarded: boolean): Dispatcher {
  return new Agent(guarded ? { connect: guardedConnector() } : {}).compose(
    interceptors.decompress({ skipErrorResponses: false }),
    sameOriginRedirectsOnly,
    interceptors.redirect({ maxRedirections: MAX_REDIRECTS }),
  );
}

// Two pools: private and loopback destinations are reached only through the open one. Made on
// the first call, not at import (a build that only loads the module opens nothing, and undici's
// one-time notice that its decompress interceptor is experimental is not printed there).
let dispatchers: { open: Dispatcher; guarded: Dispatcher } | undefined;

function withDefaults(
  headers: Record<string, string> | undefined,
  body: string | URLSearchParams | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  out.accept ??= "*/*";
  if (body !== undefined) {
    out["content-type"] ??=
      typeof body === "string" ? "text/plain;charset=UTF-8" : "application/x-www-form-urlencoded;charset=UTF-8";
  }
  return out;
}

async function send(request: OutboundRequest): Promise<RawAnswer> {
  const url = new URL(request.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ExchangeFailure("headers", false, new Error(`unsupported protocol ${url.protocol}`));
  }
  const allowPrivate = request.allowPrivate ?? getEnv().HUB_ALLOW_PRIVATE_UPSTREAMS;
  // undici takes an EventEmitter as the signal too: cheaper per call than an AbortController.
  const deadline = new Deadline();
  const timer = setTimeout(() => deadline.expire(), request.timeoutMs);
  let stage: ExchangeFailure["stage"] = "headers";
  try {
    dispatchers ??= { open: dispatcher(false), guarded: dispatcher(true) };
    const answer = await (allowPrivate ? dispatchers.open : dispatchers.guarded).request({
      origin: url.origin,
      path: url.pathname + url.search,
      method: request.method ?? "GET",
      headers: withDefaults(request.headers, request.body),
      body: request.body === undefined ? undefined : String(request.body),
      signal: deadline,
    });
    stage = "body";
    const text = utf8.decode(await answer.body.bytes());
    const raw = answer.headers;
    return {
      status: answer.statusCode,
      text,
      header: (name) => {
        const value = raw[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  } catch (error) {
    throw new ExchangeFailure(stage, deadline.aborted, error);
  } finally {
    clearTimeout(timer);
  }
}
