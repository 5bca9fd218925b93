import { randomUUID } from "node:crypto";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { db } from "@/lib/db";
import type { LinkSuggestion, MatchKind, MatchOrigin } from "@/lib/generated/prisma/client";
import { HttpError } from "@/lib/http";
import { linkCustomer, type LinkOutcome } from "@/lib/linking/link-customer";
import { gcUsersByEmail, gcUsersByPhone } from "./directory";

/**
 * Suggestions (issue 16): a Salebot client matched to a GetCourse user by a phone or an e-mail the
 * chat already knows. A unique match waits for staff (or, for phones with the setting on, links on
 * its own); several GetCourse users behind one value are kept as `ambiguous`, shown for
 * information and never linked. Every link goes through linkCustomer: the conflict rule, both
 * sides written, every attempt logged, source `suggestion`.
 */
export type MatchCandidate = {
  projectId: string;
  sbClientId: string;
  kind: MatchKind;
  value: string;
  origin: MatchOrigin;
};

export type MatchResult =
  "suggested" | "ambiguous" | "linked" | "failed" | "already_linked" | "linked_elsewhere" | "no_match" | "known";

export type MatchOptions = { autoLinkPhone: boolean };

export async function considerMatch(candidate: MatchCandidate, options: MatchOptions): Promise<MatchResult> {
  const { projectId, sbClientId, kind, value } = candidate;
  if (await db.link.findUnique({ where: { projectId_sbClientId: { projectId, sbClientId } }, select: { id: true } }))
    return "already_linked";
  const key = { projectId_sbClientId_kind_value: { projectId, sbClientId, kind, value } };
  if (await db.linkSuggestion.findUnique({ where: key, select: { id: true } })) return "known";
  const found = kind === "phone" ? await gcUsersByPhone(value) : await gcUsersByEmail(value);
  if (found.length === 0) return "no_match";
  const ambiguous = found.length > 1;
  if (!ambiguous) {
    // The GetCourse user is someone else's link already: the conflict rule would refuse it, so
    // nobody is asked to confirm a link that cannot be made.
    const other = await db.link.findUnique({
      where: { projectId_email: { projectId, email: found[0]!.email } },
      select: { sbClientId: true },
    });
    if (other && other.sbClientId !== sbClientId) return "linked_elsewhere";
  }
  const created = await db.linkSuggestion.createManyAndReturn({
    data: [
      {
        ...candidate,
        gcUserIds: found.map((contact) => contact.gcUserId),
        emails: found.map((contact) => contact.email),
        status: ambiguous ? "ambiguous" : "pending",
      },
    ],
    skipDuplicates: true,
  });
  const suggestion = created[0];
  if (!suggestion) return "known";
  if (ambiguous) return "ambiguous";
  if (kind === "phone" && options.autoLinkPhone) {
    const outcome = await linkSuggestion(suggestion, "auto");
    if (outcome === "superseded") return "linked_elsewhere";
    return outcome?.success ? "linked" : "failed";
  }
  return "suggested";
}

async function telegramIdOf(projectId: string, sbClientId: string): Promise<string | null> {
  const client = await db.salebotClient.findUnique({
    where: { projectId_clientId: { projectId, clientId: sbClientId } },
    select: { messenger: true, platformId: true },
  });
  return client?.messenger === "telegram" && client.platformId && /^\d{1,20}$/.test(client.platformId)
    ? client.platformId
    : null;
}

/**
 * A waiting suggestion whose client or GetCourse user got linked another way is marked
 * `superseded` by a trigger on links (migration `suggestions_superseded_trigger`). One found while
 * the link was being saved beside its own creation (the matcher checked, then a bot linked, then
 * it was stored) is caught here, before a confirm would only meet the conflict rule and log a
 * failure nobody has to fix. True: it was superseded and is now marked so.
 */
async function supersededByLink(suggestion: LinkSuggestion): Promise<boolean> {
  const { projectId, sbClientId } = suggestion;
  const email = suggestion.emails[0];
  const link =
    (await db.link.findUnique({
      where: { projectId_sbClientId: { projectId, sbClientId } },
      select: { sbClientId: true, email: true },
    })) ??
    (email
      ? await db.link.findUnique({
          where: { projectId_email: { projectId, email } },
          select: { sbClientId: true, email: true },
        })
      : null);
  if (!link) return false;
  await db.linkSuggestion.updateMany({
    where: { id: suggestion.id, status: { in: ["pending", "ambiguous"] }, decidedAt: null },
    data: { status: "superseded", decidedAt: new Date(), linkedClientId: link.sbClientId, linkedEmail: link.email },
  });
  return true;
}

/** The refusal of a confirm whose client or GetCourse user is linked already: nothing was tried. */
export class SupersededSuggestionError extends HttpError {
  constructor() {
    super(409, "suggestion_superseded", "The client or the GetCourse user was linked another way meanwhile.");
  }
}

/**
 * Claims the pending suggestion (a second click, or a second instance, finds it decided and gets
 * null) and links it. `decidedBy`: the staff member's e-mail, or "auto".
 */
async function linkSuggestion(
  suggestion: LinkSuggestion,
  decidedBy: string,
): Promise<LinkOutcome | "superseded" | null> {
  if (await supersededByLink(suggestion)) return "superseded";
  const claimed = await db.linkSuggestion.updateMany({
    where: { id: suggestion.id, status: "pending", decidedAt: null },
    data: { decidedAt: new Date(), decidedBy },
  });
  if (claimed.count === 0) return null;
  const email = suggestion.emails[0];
  if (!email) throw new Error(`suggestion ${suggestion.id} has no e-mail`);
  const request = {
    email,
    sbClientId: suggestion.sbClientId,
    telegramId: await telegramIdOf(suggestion.projectId, suggestion.sbClientId),
  };
  let outcome: LinkOutcome;
  try {
    outcome = await linkCustomer(request, { source: "suggestion", requestId: randomUUID(), actor: decidedBy });
  } catch (error) {
    // Not decided after all: release the claim, so it can be confirmed again.
    await db.linkSuggestion.update({ where: { id: suggestion.id }, data: { decidedAt: null, decidedBy: null } });
    throw error;
  }
  await db.linkSuggestion.update({
    where: { id: suggestion.id },
    data: outcome.success ? { status: "linked", errorCode: null } : { status: "failed", errorCode: outcome.error },
  });
  return outcome;
}

async function openSuggestion(id: bigint) {
  const suggestion = await db.linkSuggestion.findUnique({ where: { id } });
  if (!suggestion) throw new HttpError(404, "not_found", "No such suggestion.");
  return suggestion;
}

const target = (id: bigint) => `suggestion:${id}`;

/** Staff confirm a unique match: it links as the bot's flow would, and the decision is audited. */
export async function confirmSuggestion(actor: NonNullable<AuditActor>, id: bigint): Promise<LinkOutcome> {
  const suggestion = await openSuggestion(id);
  if (suggestion.status === "superseded") throw new SupersededSuggestionError();
  if (suggestion.status !== "pending")
    throw new HttpError(409, "conflict", "This suggestion was already decided, or is ambiguous.");
  const outcome = await linkSuggestion(suggestion, actor.email);
  if (outcome === "superseded") throw new SupersededSuggestionError();
  if (!outcome) throw new HttpError(409, "conflict", "This suggestion was already decided.");
  await recordAudit({
    actor,
    action: "suggestion.confirm",
    target: target(id),
    before: { status: "pending" },
    after: {
      status: outcome.success ? "linked" : "failed",
      sbClientId: suggestion.sbClientId,
      email: suggestion.emails[0] ?? null,
      matchedBy: suggestion.kind,
      ...(outcome.success ? { gcUserId: outcome.gcUserId } : { error: outcome.error }),
    },
  });
  return outcome;
}

/** Staff say no, with a reason; an ambiguous match may be dismissed too, to clear it away. */
export async function dismissSuggestion(actor: NonNullable<AuditActor>, id: bigint, reason: string): Promise<void> {
  const suggestion = await openSuggestion(id);
  const done = await db.linkSuggestion.updateMany({
    where: { id, status: { in: ["pending", "ambiguous"] }, decidedAt: null },
    data: { status: "dismissed", decidedAt: new Date(), decidedBy: actor.email, dismissReason: reason },
  });
  if (done.count === 0) throw new HttpError(409, "conflict", "This suggestion was already decided.");
  await recordAudit({
    actor,
    action: "suggestion.dismiss",
    target: target(id),
    before: { status: suggestion.status },
    after: { status: "dismissed", reason, sbClientId: suggestion.sbClientId, value: suggestion.value },
  });
}
