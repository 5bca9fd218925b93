import { isOutboundError, type OutboundError } from "./errors";

export type RetryPolicy = {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^n)]. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(random() * ceiling);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call` until it succeeds, fails with something not retryable, or the tries run out.
 * A Retry-After from the service wins over the computed delay, capped by `maxDelayMs`.
 */
export async function callWithRetry<T>(
  call: (attempt: number) => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  onRetry?: (error: OutboundError, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      const last = attempt + 1 >= policy.attempts;
      if (!isOutboundError(error) || !error.retryable || last) throw error;
      const delay =
        error.retryAfterSeconds !== undefined
          ? Math.min(policy.maxDelayMs, error.retryAfterSeconds * 1000)
          : backoffDelayMs(attempt, policy);
      onRetry?.(error, attempt, delay);
      await sleep(delay);
    }
  }
}
