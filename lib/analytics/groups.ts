import { byClientsThenKey } from "./dimensions";

/**
 * The groups a grouped page compares side by side. Every section (funnel chart, time to payment,
 * cohorts) shows the same few groups in the same order and colour, chosen once from the funnel:
 * the biggest by clients, the rest folded into one "other" group so a chart stays readable.
 */

/** A group's value; null for clients without one (no bot name, no UTM, …). */
export type GroupKey = string | null;

/** How many groups a chart draws apart before folding the rest into "other". */
export const COMPARED_GROUPS = 6;

/** One group as a section shows it: a value of the group-by, or every group past the compared ones. */
export type Compared<T> = T & { key: GroupKey; other: boolean };

/** The keys to compare: the `limit` biggest groups by clients, biggest first. */
export function comparedKeys(rows: readonly { key: GroupKey; clients: number }[], limit = COMPARED_GROUPS): GroupKey[] {
  return [...rows]
    .sort(byClientsThenKey)
    .slice(0, limit)
    .map((row) => row.key);
}

/**
 * `rows` in the order of `keys` (a key without a row gets `empty(key)`, so every section lists the
 * same groups), then one "other" row merging every row not among `keys`, when there is any, or
 * when `withOther` says the funnel has one (an empty "other" here keeps the sections' groups alike).
 */
export function foldGroups<T extends { key: GroupKey }>(
  rows: readonly T[],
  keys: readonly GroupKey[],
  empty: (key: GroupKey) => T,
  merge: (rows: readonly T[]) => T,
  withOther = false,
): Compared<T>[] {
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const compared = keys.map((key) => ({ ...(byKey.get(key) ?? empty(key)), key, other: false }));
  const kept = new Set(keys);
  const rest = rows.filter((row) => !kept.has(row.key));
  if (rest.length === 0 && !withOther) return compared;
  return [...compared, { ...merge(rest), key: null, other: true }];
}

/** Adds up the numeric fields named in `fields` over `rows`. */
export function sumFields<F extends string>(
  rows: readonly Record<F, number>[],
  fields: readonly F[],
): Record<F, number> {
  return Object.fromEntries(
    fields.map((field) => [field, rows.reduce((total, row) => total + row[field], 0)]),
  ) as Record<F, number>;
}
