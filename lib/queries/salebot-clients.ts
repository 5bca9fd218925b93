import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

export type ClientMatch = {
  projectId: string;
  clientId: string;
  name: string | null;
  platformId: string | null;
  messenger: string | null;
  linkedEmail: string | null;
};

/**
 * The relink page's client picker: the hub's own copy of Salebot clients, so searching costs
 * no Salebot call. Digits match a client id or a platform (Telegram) id exactly; any text
 * matches the name.
 */
export async function searchSalebotClients(projectId: string, q: string, limit = 20): Promise<ClientMatch[]> {
  const term = q.trim();
  if (!term) return [];
  const or: Prisma.SalebotClientWhereInput[] = [{ name: { contains: term, mode: "insensitive" } }];
  if (/^\d{1,20}$/.test(term)) or.push({ clientId: term }, { platformId: term });
  const clients = await db.salebotClient.findMany({
    where: { projectId, OR: or },
    select: { projectId: true, clientId: true, name: true, platformId: true, messenger: true },
    orderBy: [{ lastMessageAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: limit,
  });
  const links = await db.link.findMany({
    where: { projectId, sbClientId: { in: clients.map((c) => c.clientId) } },
    select: { sbClientId: true, email: true },
  });
  const emailOf = new Map(links.map((link) => [link.sbClientId, link.email]));
  return clients.map((client) => ({ ...client, linkedEmail: emailOf.get(client.clientId) ?? null }));
}

/** The client as the relink page shows it once picked: known to the hub or not, and its current link. */
export async function findClientWithLink(
  projectId: string,
  clientId: string,
): Promise<{
  client: ClientMatch | null;
  linkedEmail: string | null;
  link: { email: string; gcUserId: string | null } | null;
}> {
  const [client, link] = await Promise.all([
    db.salebotClient.findUnique({
      where: { projectId_clientId: { projectId, clientId } },
      select: { projectId: true, clientId: true, name: true, platformId: true, messenger: true },
    }),
    db.link.findUnique({
      where: { projectId_sbClientId: { projectId, sbClientId: clientId } },
      select: { email: true, gcUserId: true },
    }),
  ]);
  const linkedEmail = link?.email ?? null;
  return { client: client ? { ...client, linkedEmail } : null, linkedEmail, link };
}
