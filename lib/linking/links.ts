import { db } from "@/lib/db";
import type { Link, LinkProof, LinkSource } from "@/lib/generated/prisma/client";
import { LinkFailure } from "./codes";
import type { LinkRequest } from "./schemas";

export type ExistingLinks = { byClient: Link | null; byEmail: Link | null };

export type LinkDecision =
  | { kind: "conflict"; detail: string }
  | { kind: "already_linked"; link: Link }
  | { kind: "proceed" };

/**
 * The conflict rule (DESIGN.md): the automatic flow never moves a link. Same client and same
 * e-mail again is a success with nothing to do (unless the Telegram id changed).
 */
export function decideLink(existing: ExistingLinks, request: LinkRequest): LinkDecision {
  const { byClient, byEmail } = existing;
  if (byClient && byClient.email !== request.email) {
    return { kind: "conflict", detail: `Salebot client ${request.sbClientId} is already linked to another e-mail.` };
  }
  if (byEmail && byEmail.sbClientId !== request.sbClientId) {
    return { kind: "conflict", detail: `${request.email} is already linked to Salebot client ${byEmail.sbClientId}.` };
  }
  if (byClient && byClient.gcUserId && (request.telegramId === null || byClient.telegramId === request.telegramId)) {
    return { kind: "already_linked", link: byClient };
  }
  return { kind: "proceed" };
}

export async function findLinks(projectId: string, request: LinkRequest): Promise<ExistingLinks> {
  const links = await db.link.findMany({
    where: { projectId, OR: [{ sbClientId: request.sbClientId }, { email: request.email }] },
  });
  return {
    byClient: links.find((link) => link.sbClientId === request.sbClientId) ?? null,
    byEmail: links.find((link) => link.email === request.email) ?? null,
  };
}

/** Stores the current link; another instance that linked the e-mail elsewhere meanwhile wins. */
/** How a link was proven, as stored on it; none for a link nobody proved (lib/forwarding/forward-order.ts). */
export function proofColumns(proof: LinkProof | undefined, now = new Date()): { proof?: LinkProof; provenAt?: Date } {
  return proof ? { proof, provenAt: now } : {};
}

export async function saveLink(projectId: string, request: LinkRequest, gcUserId: string, source: LinkSource, proof?: LinkProof): Promise<void> {
  try {
    await db.link.upsert({
      where: { projectId_sbClientId: { projectId, sbClientId: request.sbClientId } },
      create: { projectId, sbClientId: request.sbClientId, email: request.email, telegramId: request.telegramId, gcUserId, source, ...proofColumns(proof) },
      update: { telegramId: request.telegramId ?? undefined, gcUserId, ...proofColumns(proof) },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new LinkFailure("conflict", `${request.email} was linked to another Salebot client at the same time.`);
    }
    throw error;
  }
}
