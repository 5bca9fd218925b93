import { z } from "zod";

/**
 * The shared URL state of every server-paged list: `page`, `pageSize`, `sort`, `dir`, `q`. Pages and
 * route handlers (CSV exports) parse the same schema, so a link to a view and its export agree.
 */
export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 100;
export const PAGE_SIZE_OPTIONS = [25, 50, 100] as const;
/** Offset paging past this is slow at 1M rows and useless to a person; narrow the filter instead. */
export const PAGE_MAX = 10_000;

export const pagingParams = {
  page: z.coerce.number().int().min(1).max(PAGE_MAX).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
};

/** Free text from a search box: trimmed, capped, and empty means absent. */
export const searchParam = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);

/** `sort=<column>&dir=asc|desc`; an unknown column is an error (400 in a route, reset on a page). */
export function sortParams<const C extends readonly [string, ...string[]]>(
  columns: C,
  defaults: { sort: C[number]; dir: "asc" | "desc" },
) {
  return {
    sort: z.enum(columns).default(defaults.sort),
    dir: z.enum(["asc", "desc"]).default(defaults.dir),
  };
}

/** An optional enum filter from a select: "" (the "all" option) means absent. */
export function filterParam<const V extends readonly [string, ...string[]]>(values: V) {
  return z.preprocess((value) => (value === "" ? undefined : value), z.enum(values).optional());
}

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** The first value of each key, as the wrapper in lib/http.ts reads a route's query. */
export function firstValues(raw: RawSearchParams): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) result[key] = first;
  }
  return result;
}

/**
 * For pages: a hand-edited or stale URL should still show the list, so keys that fail validation
 * are dropped (falling back to their defaults) instead of answering an error page.
 */
export function parseSearchParams<S extends z.ZodType>(schema: S, raw: RawSearchParams): z.output<S> {
  const values = firstValues(raw);
  for (let attempt = 0; attempt < 8; attempt++) {
    const result = schema.safeParse(values);
    if (result.success) return result.data;
    const bad = new Set(result.error.issues.map((issue) => String(issue.path[0] ?? "")));
    if (bad.size === 0 || ![...bad].some((key) => key in values)) break;
    for (const key of bad) delete values[key];
  }
  return schema.parse({});
}
