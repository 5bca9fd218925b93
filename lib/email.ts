import { z } from "zod";

/**
 * The longest address mail can carry (RFC 5321). Longer input is refused as invalid: an address of
 * a few kilobytes would otherwise pass a pattern and then fail the database's index on insert.
 */
export const MAX_EMAIL_LENGTH = 254;

const LOOSE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Something@domain.tld within the length limit: loose on purpose, GetCourse accepts more than RFCs do. */
export function isLooseEmail(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && LOOSE_EMAIL.test(value);
}

/** A typed-in address (bot, /connect form, relink): trimmed, lower-cased, a real e-mail shape, not too long. */
export const emailInput = z
  .email({ error: "is not an e-mail address" })
  .max(MAX_EMAIL_LENGTH, { error: `is longer than ${MAX_EMAIL_LENGTH} characters` });
