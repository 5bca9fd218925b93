import { OutboundError } from "@/lib/outbound/errors";
import type { OutboundResponse } from "@/lib/outbound/fetch-json";
import { redactText } from "@/lib/outbound/redact";

export const SALEBOT_SERVICE = "salebot";

/*
 * Salebot documents no error format for a bad key, a missing permission or a tariff without API
 * (doc §1, "Could not confirm"). So failures are recognised by HTTP status *and* by the words in
 * the body, whatever status they come with; the simulator can answer in each of these shapes.
 */
const PLAN_WORDS = /тариф|tariff|plan\b|подписк[аи] (?:не|истекл)|upgrade/i;
const AUTH_WORDS =
  /api[\s_-]*key|invalid key|wrong key|ключ|unauthori[sz]ed|forbidden|permission|доступ запрещ|нет прав|token/i;
const NOT_FOUND_WORDS = /not[\s_-]?found|не найден|no such client/i;
/** `status` values that mean success: "success" [C], and the loose ones public clients accept (S11 defaults to success). */
const SUCCESS_STATUSES = new Set(["success", "ok", "true", "1", "200", "done"]);

function textOf(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** What the service said, short and without secrets, for error messages. */
export function describeAnswer(response: OutboundResponse, secrets: readonly string[]): string {
  let said: string;
  if (response.json && typeof response.json === "object" && !Array.isArray(response.json)) {
    const body = response.json as Record<string, unknown>;
    said = [textOf(body["status"]), textOf(body["message"]), textOf(body["error"]), textOf(body["detail"])]
      .filter((part) => part.length > 0)
      .join(": ");
  } else {
    // A body that is not Salebot's JSON is not quoted: the message reaches the UI, and quoting
    // whatever answered at an admin-typed URL would let it read internal pages.
    const bytes = Buffer.byteLength(response.text);
    said = bytes === 0 ? "" : `a ${bytes}-byte ${/^\s*</.test(response.text) ? "HTML" : "non-JSON"} body`;
  }
  const short = said.length > 160 ? `${said.slice(0, 160)}…` : said;
  return redactText(short, secrets) || "(empty body)";
}

function bodyStatus(json: unknown): string | undefined {
  if (!json || typeof json !== "object" || Array.isArray(json)) return undefined;
  const status = (json as Record<string, unknown>)["status"];
  return status === undefined ? undefined : textOf(status);
}

/**
 * Turns a non-5xx, non-429 answer into a typed failure, or null when it reads as success.
 * (5xx, 429, timeouts and transport errors are typed by `fetchJson` before this runs.)
 */
export function failureOfAnswer(
  action: string,
  response: OutboundResponse,
  secrets: readonly string[],
): OutboundError | null {
  const said = describeAnswer(response, secrets);
  // Recognised by the words of the whole answer, which are not quoted in the message.
  const words = response.json === undefined ? `${said} ${response.text}` : said;
  const status = bodyStatus(response.json);
  const failedByBody = status !== undefined && !SUCCESS_STATUSES.has(status.toLowerCase());
  const failedByHttp = response.status >= 400;
  if (!failedByBody && !failedByHttp) return null;

  const make = (kind: ConstructorParameters<typeof OutboundError>[1]) =>
    new OutboundError(SALEBOT_SERVICE, kind, `${action} answered HTTP ${response.status}: ${said}`, {
      status: response.status,
    });

  if (response.status === 402 || PLAN_WORDS.test(words)) return make("plan_has_no_api");
  if (response.status === 401 || response.status === 403 || AUTH_WORDS.test(words)) return make("auth_failed");
  if (response.status === 404 || NOT_FOUND_WORDS.test(words)) return make("not_found");
  return make("rejected");
}

export function malformedAnswer(
  action: string,
  response: OutboundResponse,
  secrets: readonly string[],
  why: string,
): OutboundError {
  return new OutboundError(
    SALEBOT_SERVICE,
    "malformed_answer",
    `${action} answered HTTP ${response.status} with ${why}: ${describeAnswer(response, secrets)}`,
    { status: response.status },
  );
}
