import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { START_LINK_PREFIX } from "./code";
import { redeemStartCode, type RedeemResult, type StartPayload } from "./redeem";

/**
 * Finds personal start codes the Salebot webhook brought, after the messages are stored: the
 * ingest path itself does nothing for them. Two partial indexes (migration `start_links`) keep
 * this cheap at any volume: `/start…` messages of the last day, and clients whose start parameter
 * (the tag, else the first `/start X`) begins with `gc-`. A (client, code) already claimed is
 * skipped in SQL, so each is redeemed once.
 */
const LOOKBACK_MS = 24 * 60 * 60_000;
const BATCH = 100;

/** `/start <code>` and `/start@bot <code>`, as lib/salebot/webhook-payload.ts reads them. */
const CODE_OF_TEXT = `substring(m.text from '^/start(?:@[A-Za-z0-9_]+)?[[:space:]]+([^[:space:]]+)')`;

/** Exported for the test that checks the partial index is what reads them. */
export const MESSAGES_SQL = `
SELECT project_id AS "projectId", client_id AS "clientId", code, 'message' AS via FROM (
  SELECT DISTINCT ON (m.project_id, m.client_id, ${CODE_OF_TEXT}) m.project_id, m.client_id, ${CODE_OF_TEXT} AS code, m.received_at
  FROM salebot_messages m
  WHERE m.text LIKE '/start%' AND m.received_at > $1::timestamp AND m.direction = 'in' AND m.client_id IS NOT NULL
  ORDER BY m.project_id, m.client_id, ${CODE_OF_TEXT}, m.received_at
) s
WHERE s.code LIKE $2
  AND NOT EXISTS (SELECT 1 FROM start_link_claims c WHERE c.project_id = s.project_id AND c.client_id = s.client_id AND c.code = s.code)
ORDER BY s.received_at LIMIT $3`;

export const CLIENT_TAGS_SQL = `
SELECT c.project_id AS "projectId", c.client_id AS "clientId", c.start_param AS code, 'tag' AS via
FROM salebot_clients c
WHERE c.start_param LIKE 'gc-%'
  AND NOT EXISTS (SELECT 1 FROM start_link_claims s WHERE s.project_id = c.project_id AND s.client_id = c.client_id AND s.code = c.start_param)
ORDER BY c.id LIMIT $1`;

async function fromMessages(since: Date): Promise<StartPayload[]> {
  return db.$queryRawUnsafe<StartPayload[]>(MESSAGES_SQL, since, `${START_LINK_PREFIX}%`, BATCH);
}

async function fromClientTags(): Promise<StartPayload[]> {
  return db.$queryRawUnsafe<StartPayload[]>(CLIENT_TAGS_SQL, BATCH);
}

export type ScanResult = { found: number; outcomes: RedeemResult[] };

/** One pass: redeems what arrived since the last one (messages first, then tags). */
export async function redeemNewStartCodes(options: { now?: Date } = {}): Promise<ScanResult> {
  const since = new Date((options.now ?? new Date()).getTime() - LOOKBACK_MS);
  const seen = new Set<string>();
  // A new client's first `/start <code>` is also its start parameter: one payload, once.
  const found = [...(await fromMessages(since)), ...(await fromClientTags())].filter((payload) => {
    const key = `${payload.projectId}\u0000${payload.clientId}\u0000${payload.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const outcomes: RedeemResult[] = [];
  for (const payload of found) {
    try {
      outcomes.push(await redeemStartCode(payload));
    } catch (error) {
      log.error("start link could not be redeemed", {
        projectId: payload.projectId,
        clientId: payload.clientId,
        error,
      });
    }
  }
  return { found: found.length, outcomes };
}
