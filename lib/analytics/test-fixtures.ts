import { db } from "@/lib/db";

/**
 * Hand-made data for the analytics tests, small enough to count by hand. School time zone:
 * Europe/Moscow (UTC+3); the period under test is March 2026.
 */
type Client = {
  project?: string;
  id: string;
  bot?: string | null;
  messenger?: string | null;
  startParam?: string | null;
  utm?: string | null;
  first: string;
};
type Order = {
  deal: string;
  gcUserId?: string | null;
  email?: string | null;
  status: string;
  paid: boolean;
  cost?: string;
  paidAmount?: string | null;
  currency?: string;
  utm?: string | null;
  orderedAt: string;
  paidAt?: string | null;
  offer?: string;
};

export async function insertClient(c: Client): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO salebot_clients (project_id, client_id, bot, messenger, start_param, utm_source, first_message_at, last_message_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::timestamptz AT TIME ZONE 'UTC', $7::timestamptz AT TIME ZONE 'UTC')`,
    c.project ?? "p1",
    c.id,
    c.bot ?? null,
    c.messenger ?? null,
    c.startParam ?? null,
    c.utm ?? null,
    c.first,
  );
}

export async function insertLink(l: {
  project?: string;
  client: string;
  email: string;
  gcUserId: string | null;
  linkedAt: string;
}): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO links (project_id, sb_client_id, email, gc_user_id, source, linked_at, updated_at)
     VALUES ($1, $2, $3, $4, 'bot', $5::timestamptz AT TIME ZONE 'UTC', now())`,
    l.project ?? "p1",
    l.client,
    l.email,
    l.gcUserId,
    l.linkedAt,
  );
}

export async function insertOrder(o: Order): Promise<void> {
  await db.$executeRawUnsafe(
    `INSERT INTO gc_orders (deal_id, gc_user_id, email, status, paid, cost_amount, paid_amount, currency, utm_source, offer, ordered_at, paid_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6::numeric, $7::numeric, $8, $9, $10, $11::timestamptz AT TIME ZONE 'UTC', $12::timestamptz AT TIME ZONE 'UTC', now())`,
    o.deal,
    o.gcUserId ?? null,
    o.email ?? null,
    o.status,
    o.paid,
    o.cost ?? o.paidAmount ?? null,
    o.paidAmount ?? null,
    o.currency ?? "RUB",
    o.utm ?? null,
    o.offer ?? null,
    o.orderedAt,
    o.paidAt ?? null,
  );
}

export async function insertMessages(project: string, client: string, times: string[]): Promise<void> {
  for (const [i, at] of times.entries()) {
    await db.$executeRawUnsafe(
      `INSERT INTO salebot_messages (project_id, message_id, client_id, direction, text, received_at, payload)
       VALUES ($1, $2, $3, 'in', 'hi', $4::timestamptz AT TIME ZONE 'UTC', '{}')`,
      project,
      `${client}-${i}`,
      client,
      at,
    );
  }
}

/**
 * March 2026 (Moscow) holds c1, c2, c3, c6 and p2/c7; c4 and c5 fall just outside.
 *   c1 alpha/telegram/webinar/insta, linked u1: o1 1000 + o2 500 + o6 300 (user id and e-mail) paid,
 *      o3 cancelled (700 once paid, now refunded)
 *   c2 alpha/vk, first message 23:30 Moscow on 31 March, linked b@x.io: o4 200 USD by e-mail only, utm "ads"
 *   c3 beta/telegram, first message 00:30 Moscow on 1 March, not linked
 *   c4 beta, 00:30 Moscow on 1 April; c5 beta, 23:30 Moscow on 28 February
 *   c6 alpha/telegram, linked u6: o5 new, unpaid
 *   p2/c7 gamma, linked to the same GC user u1 from another project, first message after c1's:
 *      ordered and paid, but o1/o2/o3/o6 count their revenue for c1 only
 */
export async function insertMarch(): Promise<void> {
  await insertClient({
    id: "c1",
    bot: "alpha",
    messenger: "telegram",
    startParam: "webinar",
    utm: "insta",
    first: "2026-03-05T10:00:00Z",
  });
  await insertClient({ id: "c2", bot: "alpha", messenger: "vk", first: "2026-03-31T20:30:00Z" });
  await insertClient({ id: "c3", bot: "beta", messenger: "telegram", first: "2026-02-28T21:30:00Z" });
  await insertClient({ id: "c4", bot: "beta", messenger: "telegram", first: "2026-03-31T21:30:00Z" });
  await insertClient({ id: "c5", bot: "beta", messenger: "telegram", first: "2026-02-28T20:30:00Z" });
  await insertClient({ id: "c6", bot: "alpha", messenger: "telegram", first: "2026-03-10T09:00:00Z" });
  await insertClient({ project: "p2", id: "c7", bot: "gamma", first: "2026-03-12T09:00:00Z" });

  await insertLink({ client: "c1", email: "a@x.io", gcUserId: "u1", linkedAt: "2026-03-05T11:00:00Z" });
  await insertLink({ client: "c2", email: "b@x.io", gcUserId: "u2", linkedAt: "2026-04-01T08:00:00Z" });
  await insertLink({ client: "c6", email: "f@x.io", gcUserId: "u6", linkedAt: "2026-03-10T10:00:00Z" });
  await insertLink({ project: "p2", client: "c7", email: "a@x.io", gcUserId: "u1", linkedAt: "2026-03-12T10:00:00Z" });

  await insertOrder({
    deal: "o1",
    gcUserId: "u1",
    status: "payed",
    paid: true,
    paidAmount: "1000",
    orderedAt: "2026-03-05T11:30:00Z",
    paidAt: "2026-03-05T12:00:00Z",
    offer: "Course",
  });
  await insertOrder({
    deal: "o2",
    gcUserId: "u1",
    status: "payed",
    paid: true,
    paidAmount: "500",
    orderedAt: "2026-03-20T11:30:00Z",
    paidAt: "2026-03-20T12:00:00Z",
  });
  await insertOrder({
    deal: "o3",
    gcUserId: "u1",
    status: "cancelled",
    paid: false,
    cost: "700",
    paidAmount: "700",
    orderedAt: "2026-03-21T11:30:00Z",
    paidAt: "2026-03-21T12:00:00Z",
  });
  await insertOrder({
    deal: "o6",
    gcUserId: "u1",
    email: "a@x.io",
    status: "payed",
    paid: true,
    paidAmount: "300",
    orderedAt: "2026-03-22T11:30:00Z",
    paidAt: "2026-03-22T12:00:00Z",
  });
  await insertOrder({
    deal: "o4",
    gcUserId: null,
    email: "b@x.io",
    status: "payed",
    paid: true,
    paidAmount: "200",
    currency: "USD",
    utm: "ads",
    orderedAt: "2026-04-02T20:00:00Z",
    paidAt: "2026-04-02T20:30:00Z",
  });
  await insertOrder({
    deal: "o5",
    gcUserId: "u6",
    status: "new",
    paid: false,
    cost: "400",
    orderedAt: "2026-03-11T09:00:00Z",
  });
}

export const MARCH = { from: "2026-03-01", to: "2026-03-31" } as const;
