import { salebotTrackingLink, telegramStartLink } from "@/lib/campaigns/links";
import { db } from "@/lib/db";
import type { Campaign } from "@/lib/generated/prisma/client";

/** Campaigns as the Campaigns page lists them, with their ready-to-copy links. */
export type CampaignRow = {
  id: string;
  name: string;
  bot: string;
  kind: Campaign["kind"];
  startCode: string;
  salebotLink: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmContent: string | null;
  utmTerm: string | null;
  createdByEmail: string | null;
  createdAt: Date;
  archivedAt: Date | null;
  telegramUrl: string;
  salebotUrl: string | null;
};

export function toCampaignRow(campaign: Campaign): CampaignRow {
  return {
    id: campaign.id.toString(),
    name: campaign.name,
    bot: campaign.bot,
    kind: campaign.kind,
    startCode: campaign.startCode,
    salebotLink: campaign.salebotLink,
    utmSource: campaign.utmSource,
    utmMedium: campaign.utmMedium,
    utmCampaign: campaign.utmCampaign,
    utmContent: campaign.utmContent,
    utmTerm: campaign.utmTerm,
    createdByEmail: campaign.createdByEmail,
    createdAt: campaign.createdAt,
    archivedAt: campaign.archivedAt,
    telegramUrl: telegramStartLink(campaign),
    salebotUrl: salebotTrackingLink(campaign),
  };
}

/** Active campaigns first, newest first; a school has tens of them, so no paging. */
export async function listCampaigns(options: { includeArchived?: boolean } = {}): Promise<CampaignRow[]> {
  const campaigns = await db.campaign.findMany({
    where: options.includeArchived ? {} : { archivedAt: null },
    orderBy: [{ archivedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
  });
  return campaigns.map(toCampaignRow);
}
