import type { GroupBy } from "./dimensions";
import { analyticsPool } from "./pool";

/**
 * What a group is called on the page. Groups are keyed by stable values; a campaign's key is its
 * id (names may repeat or change), so it is shown by the campaign's current name. Other group-bys
 * are their own names and get no entry (a link source is named by the page, from the dictionary).
 */
export async function groupLabels(groupBy: GroupBy, keys: readonly (string | null)[]): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null && /^\d+$/.test(key));
  if (groupBy !== "campaign" || ids.length === 0) return new Map();
  const { rows } = await analyticsPool().query<{ id: string; name: string }>(
    "SELECT id::text AS id, name FROM campaigns WHERE id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
