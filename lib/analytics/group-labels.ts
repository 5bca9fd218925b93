import { botLabel } from "@/lib/i18n/codes";
import type { Translate } from "@/lib/i18n/messages";
import type { GroupBy } from "./dimensions";
import { analyticsPool } from "./pool";

/**
 * What a group is called on the page. Groups are keyed by stable values; a campaign's key is its
 * id (names may repeat or change), so it is shown by the campaign's current name. Other group-bys
 * are their own names and get no entry (a link source is named by the page, from the dictionary).
 */
export async function groupLabels(
  groupBy: GroupBy,
  keys: readonly (string | null)[],
  t: Translate,
): Promise<Map<string, string>> {
  const ids = keys.filter((key): key is string => key !== null && /^\d+$/.test(key));
  if (ids.length === 0) return new Map();
  if (groupBy === "bot") return numberedBotLabels(ids, t);
  if (groupBy !== "campaign") return new Map();
  const { rows } = await analyticsPool().query<{ id: string; name: string }>(
    "SELECT id::text AS id, name FROM campaigns WHERE id = ANY($1::bigint[])",
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

/**
 * A bot keyed by a number (a VK community) is named with its messenger: the one most of its
 * clients write from, since a bot's clients all come through the same messenger.
 */
async function numberedBotLabels(bots: string[], t: Translate): Promise<Map<string, string>> {
  const { rows } = await analyticsPool().query<{ bot: string; messenger: string | null }>(
    `SELECT bot, mode() WITHIN GROUP (ORDER BY messenger) AS messenger
       FROM salebot_clients WHERE bot = ANY($1::text[]) GROUP BY bot`,
    [bots],
  );
  const messengers = new Map(rows.map((row) => [row.bot, row.messenger]));
  return new Map(bots.map((bot) => [bot, botLabel(t, bot, messengers.get(bot)) ?? bot]));
}
