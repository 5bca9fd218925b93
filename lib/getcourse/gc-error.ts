import { OutboundError, type OutboundErrorKind } from "@/lib/outbound/errors";

export const GETCOURSE_SERVICE = "getcourse";

/** `call` names the request (`tech.get-custom-fields`, `legacy.import-user`, …); `body` is the parsed JSON. */
export type MalformedAnswer = { call: string; body: unknown };

/**
 * An OutboundError that also keeps GetCourse's own `error_code` (903, 905, 908, ...) and can
 * opt out of the quick in-call retry: waiting seconds does not help when GetCourse says the
 * 2-hour export budget is spent or another export is running, and a deal creation that may
 * already have happened must not be sent twice.
 */
export class GetCourseError extends OutboundError {
  readonly gcErrorCode: number | undefined;
  /** A malformed answer as it came, for the admin's "last unreadable answer" view. */
  readonly answer: MalformedAnswer | undefined;
  private readonly retryableOverride: boolean | undefined;

  constructor(
    kind: OutboundErrorKind,
    message: string,
    options: {
      status?: number;
      retryAfterSeconds?: number;
      cause?: unknown;
      gcErrorCode?: number;
      retryable?: boolean;
      answer?: MalformedAnswer;
    } = {},
  ) {
    super(GETCOURSE_SERVICE, kind, message, options);
    this.name = "GetCourseError";
    this.gcErrorCode = options.gcErrorCode;
    this.answer = options.answer;
    this.retryableOverride = options.retryable;
  }

  override get retryable(): boolean {
    return this.retryableOverride ?? super.retryable;
  }
}

/** Legacy API error codes the hub treats specially (doc §4). */
export const LEGACY_ERROR_CODES = {
  unauthorized: 901,
  tooManyRequests: 903,
  missingKey: 904,
  exportAlreadyRunning: 905,
  noFilter: 908,
  exportNotReady: 909,
  invalidDealStatus: 913,
  invalidUserStatus: 914,
  featureUnavailable: 917,
} as const;

type LegacyFailure = { message: string; code: number | undefined; status?: number };

const includesAny = (text: string, needles: readonly string[]) =>
  needles.some((needle) => text.toLowerCase().includes(needle.toLowerCase()));

/** Maps a Legacy API failure (message and/or code) to a typed error. */
export function legacyFailureToError({ message, code, status }: LegacyFailure): GetCourseError {
  const text = message || "(no message)";
  const options = { status, gcErrorCode: code };
  if (
    code === LEGACY_ERROR_CODES.unauthorized ||
    code === LEGACY_ERROR_CODES.missingKey ||
    includesAny(text, ["Неавторизованное", "Access denied", "параметр key", "отсутсвует параметр"])
  ) {
    return new GetCourseError("auth_failed", `legacy API refused the key: ${text}`, options);
  }
  if (includesAny(text, ["Действие запрещено"])) {
    return new GetCourseError(
      "auth_failed",
      `legacy API refused the action (a read-only key cannot import): ${text}`,
      options,
    );
  }
  if (code === LEGACY_ERROR_CODES.featureUnavailable || includesAny(text, ["Функционал недоступен"])) {
    return new GetCourseError("plan_has_no_api", `the account's plan has no API access: ${text}`, options);
  }
  if (code === LEGACY_ERROR_CODES.tooManyRequests || includesAny(text, ["Слишком много запросов"])) {
    return new GetCourseError("rate_limited", `export budget (100 requests / 2 h) is spent: ${text}`, {
      ...options,
      retryable: false,
    });
  }
  if (code === LEGACY_ERROR_CODES.exportAlreadyRunning || includesAny(text, ["Уже запущен"])) {
    return new GetCourseError("rate_limited", `another export is running on the account: ${text}`, {
      ...options,
      retryable: false,
      retryAfterSeconds: 30,
    });
  }
  if (includesAny(text, ["Пустой параметр action"])) {
    return new GetCourseError(
      "rejected",
      `GetCourse saw no action; the account URL probably redirects to another domain: ${text}`,
      options,
    );
  }
  return new GetCourseError("rejected", `GetCourse rejected the request: ${text}`, options);
}
