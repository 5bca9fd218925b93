import type { LinkProof } from "@/lib/generated/prisma/client";
import { LINK_DETAILS } from "./details";
import type { ExistingLinks, StoredLink } from "./link-store";
import type { LinkRequest } from "./schemas";

export type LinkDecision =
  { kind: "conflict"; detail: string } | { kind: "already_linked"; link: StoredLink } | { kind: "proceed" };

/**
 * The conflict rule (DESIGN.md): the automatic flow never moves a link. Same client and same
 * e-mail again is a success with nothing to do (unless the Telegram id changed).
 */
export function decideLink(existing: ExistingLinks, request: LinkRequest): LinkDecision {
  const { byClient, byEmail } = existing;
  if (byClient && byClient.email !== request.email) {
    return { kind: "conflict", detail: LINK_DETAILS.text("clientLinkedElsewhere", { client: request.sbClientId }) };
  }
  if (byEmail && byEmail.sbClientId !== request.sbClientId) {
    return {
      kind: "conflict",
      detail: LINK_DETAILS.text("emailLinkedTo", { email: request.email, client: byEmail.sbClientId }),
    };
  }
  if (byClient && byClient.gcUserId && (request.telegramId === null || byClient.telegramId === request.telegramId)) {
    return { kind: "already_linked", link: byClient };
  }
  return { kind: "proceed" };
}

/** How a link was proven, as stored on it; none for a link nobody proved (lib/forwarding/forward-order.ts). */
export function proofColumns(proof: LinkProof | undefined, now = new Date()): { proof?: LinkProof; provenAt?: Date } {
  return proof ? { proof, provenAt: now } : {};
}
