import { recordAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import type { Campaign } from "@/lib/generated/prisma/client";
import { type CampaignRow, toCampaignRow } from "@/lib/queries/campaigns";
import { generateStartCode } from "./code";
import { type CampaignInput, type FieldErrors, parseCampaignInput, type RawCampaignInput } from "./input";

/**
 * Creating and archiving campaigns (the list is read in lib/queries/campaigns.ts). The caller has
 * checked `campaigns.write`; each change and its audit entry commit together.
 */
export type CreateResult =
  { ok: true; campaign: CampaignRow; attributedExisting: number } | { ok: false; errors: FieldErrors };

export class CampaignNotFoundError extends Error {
  constructor(id: string) {
    super(`campaign ${id} not found`);
    this.name = "CampaignNotFoundError";
  }
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown }).code === "P2002";
type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Clients the variables worker already saw with this code (a start parameter in use before the
 * campaign was registered) are attributed at once; the worker handles everyone after. First touch:
 * a client already attributed elsewhere keeps that campaign, and UTM columns are filled only where null.
 */
const ATTRIBUTE_EXISTING_SQL = `
WITH matched AS (
  INSERT INTO campaign_clients (project_id, client_id, campaign_id, via)
  SELECT project_id, client_id, $1::bigint, CASE WHEN start_param = $2 THEN 'start_param' ELSE 'variable' END
  FROM salebot_clients
  WHERE variables_fetched_at IS NOT NULL AND (start_param = $2 OR variables->>'hub_campaign' = $2)
  ORDER BY project_id, client_id
  ON CONFLICT (project_id, client_id) DO NOTHING
  RETURNING project_id, client_id
)
UPDATE salebot_clients c SET
  utm_source = COALESCE(c.utm_source, $3), utm_medium = COALESCE(c.utm_medium, $4), utm_campaign = COALESCE(c.utm_campaign, $5),
  utm_content = COALESCE(c.utm_content, $6), utm_term = COALESCE(c.utm_term, $7), updated_at = now()
FROM matched m WHERE c.project_id = m.project_id AND c.client_id = m.client_id`;

async function insertCampaign(
  actor: SessionUser,
  input: CampaignInput,
  startCode: string,
): Promise<{ campaign: Campaign; attributed: number }> {
  return db.$transaction(async (tx: Tx) => {
    const { startCode: _ignored, ...fields } = input;
    const campaign = await tx.campaign.create({
      data: { ...fields, startCode, createdById: BigInt(actor.id), createdByEmail: actor.email },
    });
    const attributed = await tx.$executeRawUnsafe(
      ATTRIBUTE_EXISTING_SQL,
      campaign.id,
      startCode,
      input.utmSource,
      input.utmMedium,
      input.utmCampaign,
      input.utmContent,
      input.utmTerm,
    );
    await recordAudit(
      {
        actor,
        action: "campaign.create",
        target: `campaign:${campaign.id}`,
        after: {
          name: input.name,
          bot: input.bot,
          kind: input.kind,
          startCode,
          salebotLink: input.salebotLink,
          utmSource: input.utmSource,
          utmMedium: input.utmMedium,
          utmCampaign: input.utmCampaign,
          utmContent: input.utmContent,
          utmTerm: input.utmTerm,
        },
      },
      tx,
    );
    return { campaign, attributed };
  });
}

const GENERATE_TRIES = 5;

export async function createCampaign(actor: SessionUser, raw: RawCampaignInput): Promise<CreateResult> {
  const parsed = parseCampaignInput(raw);
  if (!parsed.ok) return parsed;
  const input = parsed.value;
  for (let attempt = 0; ; attempt++) {
    const startCode = input.startCode ?? generateStartCode();
    try {
      const { campaign, attributed } = await insertCampaign(actor, input, startCode);
      return { ok: true, campaign: toCampaignRow(campaign), attributedExisting: attributed };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A chosen code is the marketer's to change; a generated one that collided is drawn again.
      if (input.startCode !== null || attempt + 1 >= GENERATE_TRIES)
        return { ok: false, errors: { startCode: "code_taken" } };
    }
  }
}

/** Archived campaigns leave the active list; their links keep attributing (they still circulate). */
export async function setCampaignArchived(actor: SessionUser, id: string, archived: boolean): Promise<CampaignRow> {
  if (!/^\d{1,19}$/.test(id)) throw new CampaignNotFoundError(id);
  return db.$transaction(async (tx: Tx) => {
    const before = await tx.campaign.findUnique({ where: { id: BigInt(id) } });
    if (!before) throw new CampaignNotFoundError(id);
    const after = await tx.campaign.update({
      where: { id: before.id },
      data: { archivedAt: archived ? (before.archivedAt ?? new Date()) : null },
    });
    await recordAudit(
      {
        actor,
        action: archived ? "campaign.archive" : "campaign.unarchive",
        target: `campaign:${id}`,
        before: { archivedAt: before.archivedAt?.toISOString() ?? null },
        after: { archivedAt: after.archivedAt?.toISOString() ?? null },
      },
      tx,
    );
    return toCampaignRow(after);
  });
}
