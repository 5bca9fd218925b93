import http from "node:http";
import https from "node:https";
import zlib from "node:zlib";
import { getEnv } from "@/lib/env";
import { timeUpstream } from "@/lib/observability/upstream-timing";
import { assertPublicLiteral, PrivateAddressError, publicOnlyLookup } from "./address-guard";
import { OutboundError } from "./errors";
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
    if (failure.cause instanceof PrivateAddressError) {
      const refused = "refused: the address is private or loopback (HUB_ALLOW_PRIVATE_UPSTREAMS is off)";
      throw new OutboundError(request.service, "rejected", `${where}: ${refused}`, { cause: failure.cause, safeDetail: refused });
    }
    if (failure.stage === "body") {
      throw new OutboundError(request.service, failure.timedOut ? "timeout" : "unavailable", `answer from ${where} broke off`, {
        cause: failure.cause,
      });
    }
    throw new OutboundError(
      request.service,
      failure.timedOut ? "timeout" : "unavailable",
      failure.timedOut ? `no answer within ${request.timeoutMs} ms from ${where}` : `cannot reach ${where}`,
      { cause: failure.cause },
    );
  }
  const { status, text } = answer;

  if (status === 429) {
    throw new OutboundError(request.service, "rate_limited", `rate limited by ${where}`, {
      status: 429,
      retryAfterSeconds: parseRetryAfter(answer.header("retry-after")),
    });
  }
  if (status >= 500) {
    throw new OutboundError(request.service, "unavailable", `HTTP ${status} from ${where}`, { status });
  }

  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status, text, json };
}

// ---------------------------------------------------------------------------------------------
// The transport. node:http rather than global fetch: fetch builds WHATWG streams, Request and
// Response objects and abort signals for every call, which cost the hub several times the CPU of
// the exchange itself (`npm run bench:link`: four calls per link). What fetch did that callers see
// is kept: keep-alive pooling, fetch's default content types, redirects (up to 20, 303 and a
// redirected POST turning into GET), compressed answers decoded, UTF-8 text without a BOM, and
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

// Two pools: the guarded one resolves names through publicOnlyLookup, so the address a socket
// connects to is the address that was checked.
const openAgents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};
const guardedAgents = {
  "http:": new http.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
  "https:": new https.Agent({ keepAlive: true, lookup: publicOnlyLookup }),
};

const MAX_REDIRECTS = 20;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const utf8 = new TextDecoder("utf-8");

function withDefaults(headers: Record<string, string> | undefined, body: string | URLSearchParams | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = value;
  out.accept ??= "*/*";
  if (body !== undefined) {
    out["content-type"] ??= typeof body === "string" ? "text/plain;charset=UTF-8" : "application/x-www-form-urlencoded;charset=UTF-8";
  }
  return out;
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  switch (encoding?.trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return zlib.gunzipSync(body);
    case "deflate":
      return zlib.inflateSync(body);
    case "br":
      return zlib.brotliDecompressSync(body);
    default:
      return body;
  }
}

async function send(request: OutboundRequest): Promise<RawAnswer> {
  const deadline = Date.now() + request.timeoutMs;
  let url = new URL(request.url);
  let method: string = request.method ?? "GET";
  let body = request.body === undefined ? undefined : String(request.body);
  let headers = withDefaults(request.headers, request.body);
  const allowPrivate = request.allowPrivate ?? getEnv().HUB_ALLOW_PRIVATE_UPSTREAMS;
  for (let redirects = 0; ; redirects++) {
    const answer = await once(url, method, headers, body, deadline, allowPrivate);
    const location = answer.header("location");
    if (!REDIRECTS.has(answer.status) || !location || redirects >= MAX_REDIRECTS) return answer;
    const next = new URL(location, url);
    // Never to another origin: a 307/308 would carry the body (a GetCourse key travels in it) and a
    // header to a host nobody configured. An account that moved to its own domain is configured there.
    if (next.origin !== url.origin) return answer;
    if (answer.status === 303 || (method === "POST" && (answer.status === 301 || answer.status === 302))) {
      method = "GET";
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([name]) => name !== "content-type"));
    }
    url = next;
  }
}

function once(url: URL, method: string, headers: Record<string, string>, body: string | undefined, deadline: number, allowPrivate: boolean): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const agents = allowPrivate ? openAgents : guardedAgents;
    const agent = url.protocol === "https:" ? agents["https:"] : url.protocol === "http:" ? agents["http:"] : undefined;
    if (!agent) return reject(new ExchangeFailure("headers", false, new Error(`unsupported protocol ${url.protocol}`)));
    // An IP literal connects without a lookup, so the hook never sees it: checked here instead.
    if (!allowPrivate) {
      try {
        assertPublicLiteral(url.hostname);
      } catch (error) {
        return reject(new ExchangeFailure("headers", false, error));
      }
    }
    const transport = url.protocol === "https:" ? https : http;
    let stage: ExchangeFailure["stage"] = "headers";
    let timedOut = false;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ExchangeFailure(stage, timedOut, error));
    };
    const outgoing = { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) };
    const req = transport.request(url, { method, headers: outgoing, agent }, (res) => {
      stage = "body";
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("error", fail);
      res.on("aborted", () => fail(new Error("the answer was aborted")));
      res.on("end", () => {
        if (settled) return;
        let text: string;
        try {
          text = utf8.decode(decode(Buffer.concat(chunks), res.headers["content-encoding"]));
        } catch (error) {
          return fail(error);
        }
        settled = true;
        clearTimeout(timer);
        const raw = res.headers;
        resolve({
          status: res.statusCode ?? 0,
          text,
          header: (name) => {
            const value = raw[name.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
          },
        });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error("timed out"));
    }, Math.max(0, deadline - Date.now()));
    req.on("error", fail);
    req.end(body);
  });
}
