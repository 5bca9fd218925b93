import { db } from "@/lib/db";
import { customerId } from "./links";

/**
 * One person on one page (/customers/<projectId>-<sbClientId>): their current link, their link
 * attempts (and apart, other clients' attempts naming their linked e-mail), GC orders and payments, the Salebot dialog and deliveries. A person is a Salebot client
 * of a project; they exist when the hub has a link, a client row or an attempt for them.
 */

const RECENT_MESSAGES = 20;
const LIST_LIMIT = 100;

export type CustomerKey = { projectId: string; sbClientId: string };

/** `<projectId>-<sbClientId>`: Salebot project ids have no "-", so the first one splits. */
export function parseCustomerId(id: string): CustomerKey | null {
  const decoded = safeDecode(id);
  // No control characters: PostgreSQL text cannot hold a NUL, and an id never has one.
  const match = decoded?.match(/^([^-\s\p{Cc}]{1,64})-([^\s\p{Cc}]{1,128})$/u);
  return match?.[1] && match[2] ? { projectId: match[1], sbClientId: match[2] } : null;
}

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

export async function getCustomer(id: string) {
  const key = parseCustomerId(id);
  if (!key) return null;
  const { projectId, sbClientId } = key;
  const [link, client] = await Promise.all([
    db.link.findUnique({ where: { projectId_sbClientId: { projectId, sbClientId } } }),
    db.salebotClient.findUnique({
      where: { projectId_clientId: { projectId, clientId: sbClientId } },
      omit: { variables: true },
    }),
  ]);
  const orderKeys = link ? [...(link.gcUserId ? [{ gcUserId: link.gcUserId }] : []), { email: link.email }] : [];
  const attemptOrder = [{ createdAt: "desc" as const }, { id: "desc" as const }];
  const [attempts, otherClientAttempts, orders, messages, deliveries] = await Promise.all([
    db.linkAttempt.findMany({
      where: { projectId, sbClientId },
      orderBy: attemptOrder,
      take: LIST_LIMIT,
      omit: { input: true },
    }),
    // Other Salebot clients that named this customer's linked e-mail (a conflict's other side, a
    // start link pressed in a second chat): kept apart from this client's own attempts, each with
    // the client that made it, so the card never reads as if this client made them.
    link
      ? db.linkAttempt.findMany({
          where: {
            projectId,
            email: link.email,
            OR: [{ sbClientId: null }, { sbClientId: { not: sbClientId } }],
          },
          orderBy: attemptOrder,
          take: LIST_LIMIT,
          omit: { input: true },
        })
      : Promise.resolve([]),
    orderKeys.length > 0
      ? db.gcOrder.findMany({
          where: { OR: orderKeys },
          orderBy: [{ orderedAt: "desc" }, { id: "desc" }],
          take: LIST_LIMIT,
        })
      : Promise.resolve([]),
    db.salebotMessage.findMany({
      where: { projectId, clientId: sbClientId },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      take: RECENT_MESSAGES,
      omit: { payload: true },
    }),
    db.delivery.findMany({
      where: { projectId, sbClientId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: LIST_LIMIT,
      omit: { payload: true },
    }),
  ]);
  if (!link && !client && attempts.length === 0) return null;

  return {
    id: customerId(projectId, sbClientId),
    projectId,
    sbClientId,
    link: link && { ...link, id: link.id.toString() },
    client: client && { ...client, id: client.id.toString() },
    attempts: attempts.map((a) => ({ ...a, id: a.id.toString() })),
    otherClientAttempts: otherClientAttempts.map((a) => ({ ...a, id: a.id.toString() })),
    orders: orders.map((o) => ({
      ...o,
      id: o.id.toString(),
      costAmount: o.costAmount?.toString() ?? null,
      paidAmount: o.paidAmount?.toString() ?? null,
    })),
    messages: messages.map((m) => ({ ...m, id: m.id.toString() })),
    deliveries: deliveries.map((d) => ({ ...d, id: d.id.toString() })),
  };
}

export type Customer = NonNullable<Awaited<ReturnType<typeof getCustomer>>>;
