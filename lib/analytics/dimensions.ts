/**
 * The groups a report can be split by. The rollup stores one set of rows per dimension, and
 * 'none' holds the totals, so every group-by reads the same small table.
 */
export const GROUP_BYS = ["none", "bot", "messenger", "start_param", "utm_source", "campaign", "link_source"] as const;
export type GroupBy = (typeof GROUP_BYS)[number];

/**
 * The group-bys of the public `GET /api/analytics/funnel` (DESIGN.md, checked from outside): the
 * page's later additions (the hub campaign, how the link was made) stay off it, so the contract does not move.
 */
export const API_GROUP_BYS = [
  "none",
  "bot",
  "messenger",
  "start_param",
  "utm_source",
] as const satisfies readonly GroupBy[];

/** The key of the single row reported when nothing is grouped. */
export const TOTAL_KEY = "all";

/**
 * `(dimension, key)` pairs for one client-facts row aliased `f`: the rollup's fan-out. The column
 * names are fixed here, never taken from input.
 */
export const DIMENSION_FANOUT_SQL = `(VALUES ('none', ''), ('bot', f.bot), ('messenger', f.messenger),
  ('start_param', f.start_param), ('utm_source', f.utm_source), ('campaign', f.campaign),
  ('link_source', f.link_source)) AS dim(dimension, key)`;

/** A stored key as reported: '' (unknown bot, no UTM, …) becomes null. */
export function reportedKey(groupBy: GroupBy, stored: string): string | null {
  if (groupBy === "none") return TOTAL_KEY;
  return stored === "" ? null : stored;
}

/** Biggest groups first; the "no value" group last among equals, then by name, so the order is stable. */
export function byClientsThenKey(
  a: { key: string | null; clients: number },
  b: { key: string | null; clients: number },
): number {
  if (b.clients !== a.clients) return b.clients - a.clients;
  if (a.key === null || b.key === null) return a.key === null ? (b.key === null ? 0 : 1) : -1;
  return a.key.localeCompare(b.key);
}
