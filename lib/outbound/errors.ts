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
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}

/**
 * By class: the clients that throw these are built by the same copy of lib/ that catches them
 * (lib/integrations.ts keeps them per copy, see lib/process-singleton.ts).
 */
export function isOutboundError(error: unknown, kind?: OutboundErrorKind): error is OutboundError {
  return error instanceof OutboundError && (kind === undefined || error.kind === kind);
}
