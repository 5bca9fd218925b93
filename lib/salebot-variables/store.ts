import type { Attribution, AttributableCampaign } from "@/lib/campaigns/attribution";
import type { UtmSet } from "@/lib/campaigns/utm";
import { db } from "@/lib/db";
import type { SalebotVariables } from "@/lib/salebot/schemas";

/**
 * The variables worker's reads and writes. The queue is salebot_clients itself: rows with
 * variables_fetched_at IS NULL (partial index salebot_clients_variables_pending_idx), oldest
 * first, minus those waiting out a retry.
 */
export type PendingClient = { clientId: string; startParam: string | null };

const PENDING_SQL = `
SELECT c.client_id AS "clientId", c.start_param AS "startParam"
FROM salebot_clients c
LEFT JOIN salebot_variables_retries r ON r.project_id = c.project_id AND r.client_id = c.client_id
WHERE c.variables_fetched_at IS NULL AND c.project_id = $1 AND (r.retry_at IS NULL OR r.retry_at <= now())
ORDER BY c.id
LIMIT $2`;

export async function pendingClients(projectId: string, limit: number): Promise<PendingClient[]> {
  return db.$queryRawUnsafe<PendingClient[]>(PENDING_SQL, projectId, limit);
}

export async function attributableCampaigns(): Promise<AttributableCampaign[]> {
  const rows = await db.campaign.findMany({
    select: {
      id: true,
      kind: true,
      startCode: true,
      archivedAt: true,
      utmSource: true,
      utmMedium: true,
      utmCampaign: true,
      utmContent: true,
      utmTerm: true,
    },
  });
  return rows.map(({ archivedAt, ...campaign }) => ({ ...campaign, archived: archivedAt !== null }));
}

/**
 * Marks the client fetched, keeps its variables (null: given up), fills the UTM columns only where
 * they are still null (first touch wins) and records the campaign. The `variables_fetched_at IS
 * NULL` guard makes a second run over the same client a no-op. A changed utm_source fires the
 * analytics trigger on salebot_clients, so the rollup picks the fill up on its next refresh.
 */
const STORE_SQL = `
UPDATE salebot_clients SET
  variables = $3::jsonb, variables_fetched_at = now(),
  utm_source = COALESCE(utm_source, $4), utm_medium = COALESCE(utm_medium, $5), utm_campaign = COALESCE(utm_campaign, $6),
  utm_content = COALESCE(utm_content, $7), utm_term = COALESCE(utm_term, $8), updated_at = now()
WHERE project_id = $1 AND client_id = $2 AND variables_fetched_at IS NULL`;

export async function storeFetched(
  projectId: string,
  clientId: string,
  variables: SalebotVariables | null,
  utm: UtmSet,
  attribution: Attribution | null,
): Promise<void> {
  await db.$transaction(async (tx) => {
    const updated = await tx.$executeRawUnsafe(
      STORE_SQL,
      projectId,
      clientId,
      variables === null ? null : JSON.stringify(variables),
      utm.utmSource,
      utm.utmMedium,
      utm.utmCampaign,
      utm.utmContent,
      utm.utmTerm,
    );
    if (updated > 0 && attribution) {
      await tx.$executeRawUnsafe(
        `INSERT INTO campaign_clients (project_id, client_id, campaign_id, via) VALUES ($1, $2, $3::bigint, $4)
         ON CONFLICT (project_id, client_id) DO NOTHING`,
        projectId,
        clientId,
        attribution.campaign.id,
        attribution.via,
      );
    }
    await tx.salebotVariablesRetry.deleteMany({ where: { projectId, clientId } });
  });
}

/** Notes one more failed attempt; answers the count so far. */
export async function recordFailure(
  projectId: string,
  clientId: string,
  error: string,
  retryInSeconds: (attempts: number) => number,
): Promise<number> {
  const held = await db.salebotVariablesRetry.findUnique({ where: { projectId_clientId: { projectId, clientId } } });
  const attempts = (held?.attempts ?? 0) + 1;
  const retryAt = new Date(Date.now() + retryInSeconds(attempts) * 1000);
  const lastError = error.slice(0, 500);
  await db.salebotVariablesRetry.upsert({
    where: { projectId_clientId: { projectId, clientId } },
    create: { projectId, clientId, attempts, retryAt, lastError },
    update: { attempts, retryAt, lastError },
  });
  return attempts;
}
