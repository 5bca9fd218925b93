/**
 * Typed failures of calls to outside services (GetCourse, Salebot).
 * `retryable` decides whether `callWithRetry` tries again; the linking flow maps `kind` to its
 * stable error codes (`gc_unavailable`, `gc_auth_failed`, ...).
 */
export type OutboundErrorKind =
  | "auth_failed"
  | "not_found"
  | "rate_limited"
  | "unavailable"
  | "timeout"
  | "malformed_answer"
  | "plan_has_no_api"
  | "rejected";

const RETRYABLE: ReadonlySet<OutboundErrorKind> = new Set(["rate_limited", "unavailable", "timeout"]);

/**
 * Next bundles server code into several layers (route handlers, server actions), each with its own
 * copy of this class; a client cached on globalThis by one layer throws errors another layer's
 * `instanceof` does not recognise. A registered symbol is the same in every copy.
 */
const BRAND = Symbol.for("salebot-getcourse-hub.OutboundError");

export class OutboundError extends Error {
  readonly service: string;
  readonly kind: OutboundErrorKind;
  readonly status: number | undefined;
  /** Seconds the service asked us to wait (Retry-After), when it said so. */
  readonly retryAfterSeconds: number | undefined;
  /**
   * A description the hub wrote itself, with nothing the remote side sent: what the UI may show.
   * The message may quote the service's answer, so it is for logs only.
   */
  readonly safeDetail: string | undefined;

  constructor(
    service: string,
    kind: OutboundErrorKind,
    message: string,
    options: { status?: number; retryAfterSeconds?: number; cause?: unknown; safeDetail?: string } = {},
  ) {
    super(`${service}: ${message}`, { cause: options.cause });
    this.name = "OutboundError";
    this.service = service;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.safeDetail = options.safeDetail;
    Object.defineProperty(this, BRAND, { value: true });
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

export function isOutboundError(error: unknown, kind?: OutboundErrorKind): error is OutboundError {
  const branded = typeof error === "object" && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
  return branded && (kind === undefined || (error as OutboundError).kind === kind);
}
