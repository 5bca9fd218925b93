import type { SalebotVariables } from "@/lib/salebot/schemas";
import { CAMPAIGN_MARKER } from "./links";
import { UTM_KEYS, UTM_PARAM, type UtmSet } from "./utm";

/**
 * Which campaign brought a client, decided once when the variables worker first sees them.
 * Pure, so the precedence has unit tests:
 *   1. the client's start parameter is a campaign's start code (the Telegram form);
 *   2. the fetched variables carry `hub_campaign=<code>` (the Salebot form, exact);
 *   3. the fetched UTM tags equal an active Salebot-link campaign's tags (a link built by hand
 *      without the marker): every tag the campaign sets must match, the most specific wins.
 * Exact matches include archived campaigns (their links still circulate); the UTM guess does not.
 */
export type AttributableCampaign = UtmSet & {
  id: bigint;
  kind: "salebot_link" | "telegram_start";
  startCode: string;
  archived: boolean;
};

export type AttributionVia = "start_param" | "variable" | "utm";
export type Attribution = { campaign: AttributableCampaign; via: AttributionVia };

export type ArrivingClient = { startParam: string | null; variables: SalebotVariables | null };

/** A variable as text: Salebot answers numbers for numeric-looking values. Empty → null. */
export function variableText(variables: SalebotVariables | null, name: string): string | null {
  const value = variables?.[name];
  if (typeof value === "string") return value.trim() === "" ? null : value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return null;
}

/** The UTM tags Salebot stored for the client (from a tracking link's parameters). */
export function utmOfVariables(variables: SalebotVariables | null): UtmSet {
  const utm = {} as UtmSet;
  for (const key of UTM_KEYS) utm[key] = variableText(variables, UTM_PARAM[key]);
  return utm;
}

function utmMatchScore(campaign: AttributableCampaign, seen: UtmSet): number {
  if (!campaign.utmSource) return 0;
  let score = 0;
  for (const key of UTM_KEYS) {
    const wanted = campaign[key];
    if (wanted === null) continue;
    if (seen[key] !== wanted) return 0;
    score += 1;
  }
  return score;
}

export function matchCampaign(client: ArrivingClient, campaigns: readonly AttributableCampaign[]): Attribution | null {
  const startParam = client.startParam?.trim();
  if (startParam) {
    const campaign = campaigns.find((c) => c.startCode === startParam);
    if (campaign) return { campaign, via: "start_param" };
  }
  const marker = variableText(client.variables, CAMPAIGN_MARKER);
  if (marker) {
    const campaign = campaigns.find((c) => c.startCode === marker);
    if (campaign) return { campaign, via: "variable" };
  }
  const seen = utmOfVariables(client.variables);
  if (!seen.utmSource) return null;
  let best: { campaign: AttributableCampaign; score: number } | null = null;
  for (const campaign of campaigns) {
    if (campaign.archived || campaign.kind !== "salebot_link") continue;
    const score = utmMatchScore(campaign, seen);
    // Ties go to the newest campaign: the link most likely still being handed out.
    if (score > 0 && (!best || score > best.score || (score === best.score && campaign.id > best.campaign.id)))
      best = { campaign, score };
  }
  return best ? { campaign: best.campaign, via: "utm" } : null;
}

/**
 * The UTM tags to offer the client row: Salebot's stored variable first (DESIGN: the first touch
 * is Salebot's stored utm_source), else the campaign's. The SQL writes them only where the
 * client's own column is still null.
 */
export function utmToFill(variables: SalebotVariables | null, attribution: Attribution | null): UtmSet {
  const seen = utmOfVariables(variables);
  const fill = {} as UtmSet;
  for (const key of UTM_KEYS) fill[key] = seen[key] ?? attribution?.campaign[key] ?? null;
  return fill;
}
