import type { z } from "zod";
import { isOutboundError } from "@/lib/outbound/errors";
import { fetchJson, type OutboundResponse } from "@/lib/outbound/fetch-json";
import { redactText } from "@/lib/outbound/redact";
import { callWithRetry, type RetryPolicy } from "@/lib/outbound/retry";
import { GETCOURSE_SERVICE, GetCourseError } from "./gc-error";

export type TransportConfig = {
  /** Normalised account base URL, no trailing slash. */
  accountUrl: string;
  timeoutMs: number;
  retry: RetryPolicy;
  /** Key, token and its halves: masked in every message that leaves this module. */
  secrets: readonly string[];
  log?: (line: string) => void;
};

export type TransportRequest = {
  path: string;
  method: "GET" | "POST";
  query?: URLSearchParams;
  headers?: Record<string, string>;
  body?: string | URLSearchParams;
  /**
   * False when a repeat could do the work twice (creating a deal, starting an export): then
   * only a 429 (certainly not processed) is retried.
   */
  idempotent: boolean;
  /** Runs before every attempt, e.g. to spend the export budget; may throw to stop. */
  beforeAttempt?: () => void;
};

function buildUrl(config: TransportConfig, request: TransportRequest): string {
  const query = request.query?.toString();
  return `${config.accountUrl}${request.path}${query ? `?${query}` : ""}`;
}

/** Removes secrets from an error that is about to reach the caller (messages end up in logs). */
export function redactError<T>(error: T, secrets: readonly string[]): T {
  if (error instanceof Error) error.message = redactText(error.message, secrets);
  return error;
}

const stripServicePrefix = (message: string) => message.replace(new RegExp(`^${GETCOURSE_SERVICE}: `), "");

/** One logical call: HTTP with timeout, typed errors, retries with backoff and jitter. */
export async function send(config: TransportConfig, request: TransportRequest): Promise<OutboundResponse> {
  const url = buildUrl(config, request);
  try {
    return await callWithRetry(
      async () => {
        request.beforeAttempt?.();
        try {
          return await fetchJson({
            service: GETCOURSE_SERVICE,
            url,
            method: request.method,
            headers: { accept: "application/json; q=1.0, */*; q=0.1", ...request.headers },
            body: request.body,
            timeoutMs: config.timeoutMs,
            secrets: config.secrets,
          });
        } catch (error) {
          if (!request.idempotent && isOutboundError(error) && error.kind !== "rate_limited") {
            throw new GetCourseError(
              error.kind,
              `${stripServicePrefix(error.message)} (not retried: the call may have taken effect)`,
              {
                status: error.status,
                cause: error,
                retryable: false,
              },
            );
          }
          throw error;
        }
      },
      config.retry,
      (error, attempt, delayMs) =>
        config.log?.(
          redactText(
            `getcourse ${request.method} ${request.path}: attempt ${attempt + 1} failed (${error.kind}), retrying in ${delayMs} ms`,
            config.secrets,
          ),
        ),
    );
  } catch (error) {
    throw redactError(error, config.secrets);
  }
}

/**
 * Parses an answer with zod; any mismatch is GetCourse's malformed answer, never a crash. The error
 * keeps the answer and the call's name, so the client can hand the sample to whoever records it.
 */
export function parseAnswer<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string,
  status?: number,
  call?: string,
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new GetCourseError("malformed_answer", `unexpected ${what} answer: ${issues}`, {
    status,
    answer: { call: call ?? what, body: value },
  });
}

/** A body that is not JSON at all. */
export function requireJson(response: OutboundResponse, what: string): unknown {
  if (response.json === undefined) {
    const reason = response.text.trim().length === 0 ? "empty body" : "body is not JSON";
    throw new GetCourseError("malformed_answer", `${what} answer: ${reason} (HTTP ${response.status})`, {
      status: response.status,
    });
  }
  return response.json;
}
