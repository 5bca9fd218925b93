/**
 * When to try a failed link again: exponential from a base (15 s unless LINK_RETRY_BASE_SECONDS
 * says otherwise, tests use 1), capped at 30 minutes, with jitter, for up to 24 hours.
 */
import { envValue } from "@/lib/env";

export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_DELAY_SECONDS = 30 * 60;

export function retryDelaySeconds(retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_SECONDS, envValue("LINK_RETRY_BASE_SECONDS") * 2 ** retry);
  return Math.max(1, Math.round(ceiling * (0.5 + random() / 2)));
}

export function withinRetryWindow(firstAttemptAt: string | Date, now = new Date()): boolean {
  return now.getTime() - new Date(firstAttemptAt).getTime() < RETRY_WINDOW_MS;
}
