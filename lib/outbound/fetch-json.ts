import { timeUpstream } from "@/lib/observability/upstream-timing";
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
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method ?? "GET",
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new OutboundError(
      request.service,
      timedOut ? "timeout" : "unavailable",
      timedOut ? `no answer within ${request.timeoutMs} ms from ${where}` : `cannot reach ${where}`,
      { cause: error },
    );
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new OutboundError(request.service, timedOut ? "timeout" : "unavailable", `answer from ${where} broke off`, {
      cause: error,
    });
  }

  if (response.status === 429) {
    throw new OutboundError(request.service, "rate_limited", `rate limited by ${where}`, {
      status: 429,
      retryAfterSeconds: parseRetryAfter(response.headers.get("retry-after")),
    });
  }
  if (response.status >= 500) {
    throw new OutboundError(request.service, "unavailable", `HTTP ${response.status} from ${where}`, {
      status: response.status,
    });
  }

  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, text, json };
}
