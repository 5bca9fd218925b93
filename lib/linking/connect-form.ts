import { randomUUID } from "node:crypto";
import type { Locale } from "@/lib/i18n/messages";
import { currentIntegrationConfig } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { createRateLimiter, hitAll, type RateLimiter } from "@/lib/rate-limit";
import { checkConnectCode, issueConnectCode } from "./connect-code";
import { linkSigningSecret } from "./connect-link";
import { connectCodeMail, connectMailer, type MailSender } from "./connect-mail";
import { linkCustomer, type LinkOutcome } from "./link-customer";
import { linkRequestSchema } from "./schemas";
import { type LinkClaims, verifySignedLink } from "./signed-link";

/**
 * The hosted e-mail form behind a personal link: re-checks the link, the e-mail and the limits,
 * and runs the same pipeline as the bot. Whether an e-mail is a school's customer, or linked
 * already, is never told to whoever typed it: every well-formed e-mail gets the same answer, at
 * once, and the work happens after it. With SMTP configured the answer is "a code was sent", and
 * only the code (proof of the mailbox) links and tells the real outcome; without SMTP the link
 * is made unproven, and order details reach it only if the forwarding settings allow.
 */

const WINDOW_MS = 10 * 60 * 1000;
export const CONNECT_LIMITS = {
  perIp: { limit: 10, windowMs: WINDOW_MS },
  /** Counted per Salebot client, not per token, so asking the bot for a fresh link does not reset it. */
  perLink: { limit: 5, windowMs: WINDOW_MS },
} as const;

export type ConnectLimiters = { perIp: RateLimiter; perLink: RateLimiter };

/**
 * The limits are counted in PostgreSQL (lib/rate-limit.ts), so every instance shares them.
 * `scope` sets apart a group of counters (a test's own); the hub uses the default.
 */
export function createConnectLimiters(scope = "connect"): ConnectLimiters {
  return {
    perIp: createRateLimiter({ name: `${scope}_ip`, ...CONNECT_LIMITS.perIp }),
    perLink: createRateLimiter({ name: `${scope}_link`, ...CONNECT_LIMITS.perLink }),
  };
}

let shared: ConnectLimiters | undefined;

function sharedLimiters(): ConnectLimiters {
  shared ??= createConnectLimiters();
  return shared;
}

export type ConnectFormResult =
  /** Without SMTP: the e-mail was taken; the same for every e-mail. */
  | { status: "accepted" }
  /** With SMTP: a code is on its way to the e-mail (if it exists at all); the same for every e-mail. */
  | { status: "code_sent" }
  | { status: "wrong_code" }
  | { status: "code_expired" }
  | { status: "invalid_email" }
  | { status: "invalid_link"; reason: "expired" | "tampered" | "malformed" }
  | { status: "rate_limited"; retryAfterSeconds: number }
  /** The outcomes below are told only after the e-mailed code proved the mailbox. */
  | { status: "linked" }
  | { status: "user_not_found" }
  | { status: "conflict" }
  /** GetCourse is down; the queue finishes the link later. */
  | { status: "pending" }
  | { status: "unavailable" }
  | { status: "error" };

/** Runs work after the answer is sent (Next's `after()` in the server action). */
export type Defer = (task: () => Promise<void>) => void;

export type ConnectOptions = { limiters?: ConnectLimiters; secret?: string; mailer?: MailSender | null; defer?: Defer };

const runDetached: Defer = (task) => void task();

/** Work after the answer: its failure reaches the operator's log, never the visitor. */
function later(defer: Defer, requestId: string, work: () => Promise<unknown>): void {
  defer(async () => {
    try {
      await work();
    } catch (error) {
      log.error("connect form background work failed", { requestId, error });
    }
  });
}

type Checked = { status: "ok"; claims: LinkClaims } | { status: "refused"; result: ConnectFormResult };

function checkLink(token: string, options: ConnectOptions, now: Date): Checked {
  const verified = verifySignedLink(token, { secret: options.secret ?? linkSigningSecret(), now });
  return verified.status === "ok"
    ? verified
    : { status: "refused", result: { status: "invalid_link", reason: verified.status } };
}

/** Counted per IP and per Salebot client, for e-mails and codes alike. */
async function withinLimits(
  claims: LinkClaims,
  ip: string,
  options: ConnectOptions,
  requestId: string,
): Promise<ConnectFormResult | null> {
  const limiters = options.limiters ?? sharedLimiters();
  const limit = await hitAll([
    [limiters.perIp, `ip:${ip}`],
    [limiters.perLink, `client:${claims.sbClientId}`],
  ]);
  if (limit.allowed) return null;
  log.warn("connect form rate-limited", { requestId, sbClientId: claims.sbClientId });
  return { status: "rate_limited", retryAfterSeconds: Math.ceil(limit.retryAfterMs / 1000) };
}

export type ConnectFormInput = {
  token: string;
  email: string;
  ip: string;
  now?: Date;
  requestId?: string;
  locale?: Locale;
};

/** Step one: the e-mail. Answers the same for unknown, known and already-linked e-mails. */
export async function submitConnectForm(
  input: ConnectFormInput,
  options: ConnectOptions = {},
): Promise<ConnectFormResult> {
  const requestId = input.requestId ?? randomUUID();
  const now = input.now ?? new Date();
  const link = checkLink(input.token, options, now);
  if (link.status === "refused") return link.result;
  const { sbClientId, telegramId } = link.claims;
  const parsed = linkRequestSchema.safeParse({ email: input.email, sb_id: sbClientId, telegram_id: telegramId ?? "" });
  if (!parsed.success) return { status: "invalid_email" };
  const limited = await withinLimits(link.claims, input.ip, options, requestId);
  if (limited) return limited;

  const defer = options.defer ?? runDetached;
  const request = parsed.data;
  const mailer = options.mailer === undefined ? connectMailer() : options.mailer;
  if (!mailer) {
    later(defer, requestId, () => linkCustomer(request, { source: "form", requestId }));
    return { status: "accepted" };
  }
  const projectId = currentIntegrationConfig().salebot[0]?.projectId ?? "";
  const code = await issueConnectCode(
    { projectId, sbClientId, telegramId: request.telegramId, email: request.email },
    now,
  );
  later(defer, requestId, () => mailer(connectCodeMail(request.email, code, input.locale ?? "ru")));
  return { status: "code_sent" };
}

function customerOutcome(outcome: LinkOutcome): ConnectFormResult {
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
}

export type ConnectCodeInput = { token: string; code: string; ip: string; now?: Date; requestId?: string };

/** Step two: the code from the e-mail. A right code links with proof and tells the real outcome. */
export async function submitConnectCode(
  input: ConnectCodeInput,
  options: ConnectOptions = {},
): Promise<ConnectFormResult> {
  const requestId = input.requestId ?? randomUUID();
  const now = input.now ?? new Date();
  const link = checkLink(input.token, options, now);
  if (link.status === "refused") return link.result;
  const limited = await withinLimits(link.claims, input.ip, options, requestId);
  if (limited) return limited;
  const { sbClientId } = link.claims;
  if (!/^\d{6}$/.test(input.code.trim())) return { status: "wrong_code" };

  const projectId = currentIntegrationConfig().salebot[0]?.projectId ?? "";
  const code = await checkConnectCode({ projectId, sbClientId }, input.code, now);
  if (code.status === "wrong") return { status: "wrong_code" };
  if (code.status === "expired") return { status: "code_expired" };

  try {
    const request = { email: code.email, telegramId: code.telegramId, sbClientId };
    return customerOutcome(await linkCustomer(request, { source: "form", proof: "email_code", requestId }));
  } catch (error) {
    // Before an attempt could be logged (e.g. GetCourse not configured): the customer gets the
    // generic answer, the operator gets the reason.
    log.error("connect form failed", { requestId, sbClientId, error });
    return { status: "error" };
  }
}
