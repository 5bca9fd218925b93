import type pg from "pg";
import type { IngestedMessage } from "./salebot-message";

/**
 * Writes a batch of webhooks in ONE statement: new messages are inserted (a redelivered id is
 * skipped), and only those new messages move their clients' counters and first/last times, so
 * writing the same batch twice changes nothing. Messages first, then clients, each sorted by key,
 * so concurrent batches always take row locks in the same order.
 */
const BATCH_SQL = `
WITH input AS (
  SELECT * FROM unnest(
    $1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
    $9::text[], $10::boolean[], $11::timestamptz[], $12::json[], $13::int[]
  ) AS t(project_id, message_id, client_id, platform_id, messenger, bot, name, start_param,
         body, from_client, received_at, payload, ord)
),
new_messages AS (
  INSERT INTO salebot_messages (project_id, message_id, client_id, direction, text, received_at, payload)
  SELECT project_id, message_id, client_id,
         (CASE WHEN from_client THEN 'in' ELSE 'out' END)::"MessageDirection", body, received_at, payload
  FROM input
  ORDER BY project_id, message_id
  ON CONFLICT (project_id, message_id) DO NOTHING
  RETURNING project_id, client_id, direction, received_at
),
per_client AS (
  SELECT project_id, client_id,
         count(*) FILTER (WHERE direction = 'in')::int AS n_in,
         count(*) FILTER (WHERE direction = 'out')::int AS n_out,
         min(received_at) AS first_at, max(received_at) AS last_at
  FROM new_messages WHERE client_id IS NOT NULL
  GROUP BY project_id, client_id
),
latest AS (
  SELECT DISTINCT ON (project_id, client_id) project_id, client_id, platform_id, messenger, bot, name
  FROM input WHERE client_id IS NOT NULL
  ORDER BY project_id, client_id, ord DESC
),
first_touch AS (
  SELECT DISTINCT ON (project_id, client_id) project_id, client_id, start_param
  FROM input WHERE client_id IS NOT NULL AND start_param IS NOT NULL
  ORDER BY project_id, client_id, ord
),
clients AS (
  INSERT INTO salebot_clients AS c (project_id, client_id, platform_id, messenger, bot, name, start_param,
                                    first_message_at, last_message_at, messages_in, messages_out, updated_at)
  SELECT p.project_id, p.client_id, l.platform_id, l.messenger, l.bot, l.name, f.start_param,
         p.first_at, p.last_at, p.n_in, p.n_out, now()
  FROM per_client p
  JOIN latest l USING (project_id, client_id)
  LEFT JOIN first_touch f USING (project_id, client_id)
  ORDER BY p.project_id, p.client_id
  ON CONFLICT (project_id, client_id) DO UPDATE SET
    platform_id = COALESCE(EXCLUDED.platform_id, c.platform_id),
    messenger = COALESCE(EXCLUDED.messenger, c.messenger),
    bot = COALESCE(EXCLUDED.bot, c.bot),
    name = COALESCE(EXCLUDED.name, c.name),
    start_param = COALESCE(c.start_param, EXCLUDED.start_param),
    first_message_at = LEAST(c.first_message_at, EXCLUDED.first_message_at),
    last_message_at = GREATEST(c.last_message_at, EXCLUDED.last_message_at),
    messages_in = c.messages_in + EXCLUDED.messages_in,
    messages_out = c.messages_out + EXCLUDED.messages_out,
    updated_at = now()
  RETURNING 1
)
SELECT (SELECT count(*) FROM new_messages)::int AS stored, (SELECT count(*) FROM clients)::int AS clients`;

export type BatchResult = { stored: number; clients: number };

export async function storeMessages(pool: pg.Pool, messages: IngestedMessage[]): Promise<BatchResult> {
  if (messages.length === 0) return { stored: 0, clients: 0 };
  const column = <K extends keyof IngestedMessage>(key: K) => messages.map((m) => m[key]);
  // Named, so each connection parses and plans this statement once.
  const { rows } = await pool.query<BatchResult>({
    name: "salebot_ingest_batch",
    text: BATCH_SQL,
    values: [
      column("projectId"),
      column("messageId"),
      column("clientId"),
      column("platformId"),
      column("messenger"),
      column("bot"),
      column("name"),
      column("startParam"),
      column("text"),
      column("fromClient"),
      column("receivedAt"),
      messages.map((m) => JSON.stringify(m.payload)),
      messages.map((_, i) => i),
    ],
  });
  return rows[0] ?? { stored: 0, clients: 0 };
}
