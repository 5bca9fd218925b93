import { db } from "@/lib/db";
import type { MatchOrigin } from "@/lib/generated/prisma/client";
import { recordGcContact } from "./directory";
import { extractEmails } from "./email-extract";
import { findPhones, normalisePhone } from "./phone";
import { considerMatch, type MatchCandidate, type MatchOptions, type MatchResult } from "./suggestions";

/**
 * Where the matcher finds phones and e-mails: read after the hub stored them, never on the webhook
 * path. Clients are walked by `matched_at IS NULL`; messages and GetCourse events by an id cursor
 * (match_cursors), so each is read once.
 */

export type ScanTally = Partial<Record<MatchResult, number>> & { read: number };

const tallyOf = (): ScanTally => ({ read: 0 });
function count(tally: ScanTally, result: MatchResult): void {
  tally[result] = (tally[result] ?? 0) + 1;
}

/** Variable names that carry a phone: Salebot's service variable `phone`, and what bots name it. */
const PHONE_VARIABLE = /(^|[._])(phone|phone_number|tel|telephone|телефон|номер_телефона)$/i;

export type ClientRow = {
  id: bigint;
  clientId: string;
  platformId: string | null;
  messenger: string | null;
  variables: unknown;
};

/** The phones a client is known by: a WhatsApp id is the number; variables (a shared contact lands in `phone`). */
export function phonesOfClient(
  client: Pick<ClientRow, "platformId" | "messenger" | "variables">,
): { phone: string; origin: MatchOrigin }[] {
  const found = new Map<string, MatchOrigin>();
  if (client.messenger === "whatsapp") {
    const phone = normalisePhone(client.platformId);
    if (phone) found.set(phone, "whatsapp_id");
  }
  if (client.variables && typeof client.variables === "object" && !Array.isArray(client.variables)) {
    for (const [name, value] of Object.entries(client.variables as Record<string, unknown>)) {
      if (!PHONE_VARIABLE.test(name) || (typeof value !== "string" && typeof value !== "number")) continue;
      const phone = normalisePhone(value);
      if (phone && !found.has(phone)) found.set(phone, "variable");
    }
  }
  return [...found].map(([phone, origin]) => ({ phone, origin }));
}

/**
 * Clients not looked at yet whose phones are known: variables fetched (or the fetch is off, so
 * never coming), or a WhatsApp client, whose id is the number.
 */
export async function scanClients(
  projectId: string,
  limit: number,
  options: MatchOptions & { variablesFetched: boolean },
): Promise<ScanTally> {
  const tally = tallyOf();
  const rows = await db.$queryRawUnsafe<ClientRow[]>(
    `SELECT id, client_id AS "clientId", platform_id AS "platformId", messenger, variables FROM salebot_clients
     WHERE matched_at IS NULL AND project_id = $1 AND (variables_fetched_at IS NOT NULL OR messenger = 'whatsapp' OR NOT $2::boolean)
     ORDER BY id LIMIT $3`,
    projectId,
    options.variablesFetched,
    limit,
  );
  for (const row of rows) {
    tally.read += 1;
    for (const { phone, origin } of phonesOfClient(row)) {
      count(
        tally,
        await considerMatch({ projectId, sbClientId: row.clientId, kind: "phone", value: phone, origin }, options),
      );
    }
  }
  if (rows.length > 0)
    await db.$executeRawUnsafe(
      `UPDATE salebot_clients SET matched_at = now() WHERE id = ANY($1::bigint[])`,
      rows.map((row) => row.id),
    );
  return tally;
}

async function cursor(stream: string): Promise<bigint> {
  return (await db.matchCursor.findUnique({ where: { stream } }))?.lastId ?? 0n;
}

async function advance(stream: string, lastId: bigint): Promise<void> {
  await db.matchCursor.upsert({ where: { stream }, create: { stream, lastId }, update: { lastId } });
}

/**
 * A few seconds behind the newest row: ids are taken before commit, so a batch still committing
 * may hold a smaller id than one already visible, and reading up to the edge would skip it.
 */
export const SETTLE_SECONDS = 5;

/** What customers wrote: e-mail addresses and phone numbers in their messages. */
export async function scanMessages(
  projectId: string,
  limit: number,
  options: MatchOptions,
  settleSeconds = SETTLE_SECONDS,
): Promise<ScanTally> {
  const tally = tallyOf();
  const from = await cursor("messages");
  const rows = await db.$queryRawUnsafe<{ id: bigint; clientId: string | null; text: string | null }[]>(
    `SELECT id, client_id AS "clientId", CASE WHEN direction = 'in' AND project_id = $2 THEN text END AS text FROM salebot_messages
     WHERE id > $1 AND received_at < now() - make_interval(secs => $4::double precision) ORDER BY id LIMIT $3`,
    from,
    projectId,
    limit,
    settleSeconds,
  );
  for (const row of rows) {
    tally.read += 1;
    if (!row.clientId || !row.text) continue;
    const base = { projectId, sbClientId: row.clientId, origin: "message" as const };
    const candidates: MatchCandidate[] = [
      ...extractEmails(row.text).map((value) => ({ ...base, kind: "email" as const, value })),
      ...findPhones(row.text).map((value) => ({ ...base, kind: "phone" as const, value })),
    ];
    for (const candidate of candidates) count(tally, await considerMatch(candidate, options));
  }
  const last = rows.at(-1);
  if (last) await advance("messages", last.id);
  return tally;
}

const PAYLOAD_PHONE_KEYS = ["phone", "user_phone", "userPhone", "phone_number", "телефон"];

/** The buyer's phone in a GetCourse event as it came: a «Вызвать URL» `phone=`, or the Tech API's `user.phone`. */
export function phoneInPayload(payload: unknown): string | null {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) return null;
  const record = payload as Record<string, unknown>;
  const lower = new Map(Object.keys(record).map((key) => [key.toLowerCase(), key]));
  for (const name of PAYLOAD_PHONE_KEYS) {
    const key = lower.get(name.toLowerCase());
    const phone = key === undefined ? null : normalisePhone(record[key] as string | number | null);
    if (phone) return phone;
  }
  return record.user ? phoneInPayload(record.user) : null;
}

/** Keeps gc_user_contacts current from stored GetCourse events: the order names the user and e-mail, the payload the phone. */
export async function scanGcEvents(limit: number, settleSeconds = SETTLE_SECONDS): Promise<ScanTally> {
  const tally = tallyOf();
  const from = await cursor("gc_events");
  const rows = await db.$queryRawUnsafe<
    { id: bigint; payload: unknown; gcUserId: string | null; email: string | null }[]
  >(
    `SELECT e.id, e.payload, o.gc_user_id AS "gcUserId", o.email FROM gc_order_events e JOIN gc_orders o ON o.deal_id = e.deal_id
     WHERE e.id > $1 AND e.received_at < now() - make_interval(secs => $3::double precision) ORDER BY e.id LIMIT $2`,
    from,
    limit,
    settleSeconds,
  );
  for (const row of rows) {
    tally.read += 1;
    if (row.gcUserId) await recordGcContact(row.gcUserId, row.email, phoneInPayload(row.payload));
  }
  const last = rows.at(-1);
  if (last) await advance("gc_events", last.id);
  return tally;
}
