import { z } from "zod";

/**
 * GetCourse answers yes/no flags inconsistently: JSON booleans, 0/1, or the strings
 * "true"/"false"/"1"/"0" (doc §2.5). Everything that reads a flag goes through here.
 */
export type LooseFlag = boolean | number | string | null | undefined;

const TRUE_STRINGS: ReadonlySet<string> = new Set(["1", "true", "yes", "y", "on"]);

export function isTruthyFlag(value: LooseFlag): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (typeof value === "string") return TRUE_STRINGS.has(value.trim().toLowerCase());
  return false;
}

/** Zod schema that accepts any of the flag spellings and yields a boolean. */
export const looseFlagSchema = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => isTruthyFlag(value));

/** What callers may pass where GetCourse expects a 1/0 flag. */
export type FlagInput = boolean | 0 | 1 | "0" | "1" | "true" | "false";

/** GetCourse's own documentation writes request flags as 1/0. */
export function toRequestFlag(value: FlagInput | undefined): 0 | 1 | undefined {
  if (value === undefined) return undefined;
  return isTruthyFlag(value) ? 1 : 0;
}

/** Like `looseFlagSchema`, but keeps "not sent" apart from "false". */
export const optionalLooseFlagSchema = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => (value === undefined || value === null ? undefined : isTruthyFlag(value)));
