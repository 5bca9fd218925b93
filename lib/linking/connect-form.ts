import { randomUUID } from "node:crypto";
import { log } from "@/lib/observability/log";
import { createRateLimiter, hitAll, type Clock, type RateLimiter } from "@/lib/rate-limit";
import { linkSigningSecret } from "./connect-link";
import { linkCustomer } from "./link-customer";
import { linkRequestSchema } from "./schemas";
import { verifySignedLink } from "./signed-link";

/**
 * The hosted e-mail form behind a personal link: re-checks the link, the e-mail and the limits,
 * runs the same pipeline as the bot, and reduces the outcome to what a customer may be told.
 */

const WINDOW_MS = 10 * 60 * 1000;
export const CONNECT_LIMITS = {
  perIp: { limit: 10, windowMs: WINDOW_MS },
  /** Counted per Salebot client, not per token, so asking the bot for a fresh link does not reset it. */
  perLink: { limit: 5, windowMs: WINDOW_MS },
} as const;

export type ConnectLimiters = { perIp: RateLimiter; perLink: RateLimiter };

export function createConnectLimiters(now?: Clock): ConnectLimiters {
  return {
    perIp: createRateLimiter({ ...CONNECT_LIMITS.perIp, now }),
    perLink: createRateLimiter({ ...CONNECT_LIMITS.perLink, now }),
  };
}

// On globalThis because Next may load this module in more than one server bundle.
const shared = globalThis as unknown as { hubConnectLimiters?: ConnectLimiters };

function sharedLimiters(): ConnectLimiters {
  shared.hubConnectLimiters ??= createConnectLimiters();
  return shared.hubConnectLimiters;
}

export type ConnectFormResult =
  | { status: "linked" }
  | { status: "invalid_email" }
  | { status: "invalid_link"; reason: "expired" | "tampered" | "malformed" }
  | { status: "rate_limited"; retryAfterSeconds: number }
  | { status: "user_not_found" }
  | { status: "conflict" }
  /** GetCourse is down; the queue finishes the link later. */
  | { status: "pending" }
  | { status: "unavailable" }
  | { status: "error" };

export type ConnectFormInput = { token: string; email: string; ip: string; now?: Date; requestId?: string };

export async function submitConnectForm(
  input: ConnectFormInput,
  options: { limiters?: ConnectLimiters; secret?: string } = {},
): Promise<ConnectFormResult> {
  const requestId = input.requestId ?? randomUUID();
  const verified = verifySignedLink(input.token, { secret: options.secret ?? linkSigningSecret(), now: input.now ?? new Date() });
  if (verified.status !== "ok") return { status: "invalid_link", reason: verified.status };

  const { sbClientId, telegramId } = verified.claims;
  const parsed = linkRequestSchema.safeParse({ email: input.email, sb_id: sbClientId, telegram_id: telegramId ?? "" });
  if (!parsed.success) return { status: "invalid_email" };

  const limiters = options.limiters ?? sharedLimiters();
  const limit = hitAll([
    [limiters.perIp, `ip:${input.ip}`],
    [limiters.perLink, `client:${sbClientId}`],
  ]);
  if (!limit.allowed) {
    log.warn("connect form rate-limited", { requestId, sbClientId });
    return { status: "rate_limited", retryAfterSeconds: Math.ceil(limit.retryAfterMs / 1000) };
  }

  try {
    const outcome = await linkCustomer(parsed.data, { source: "form", requestId });
    if (outcome.success) return { status: "linked" };
    switch (outcome.error) {
      case "user_not_found":
        return { status: "user_not_found" };
      case "conflict":
        return { status: "conflict" };
      case "gc_unavailable":
        return { status: outcome.queued ? "pending" : "unavailable" };
      default:
        return { status: "error" };
    }
  } catch (error) {
    // Before an attempt could be logged (e.g. GetCourse not configured): the customer gets the
    // generic answer, the operator gets the reason.
    log.error("connect form failed", { requestId, sbClientId, error });
    return { status: "error" };
  }
}
