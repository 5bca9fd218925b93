import { db } from "@/lib/db";
import { LINK_DETAILS } from "../details";
import { getIntegrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import type { LinkErrorCode } from "../codes";
import { linkSigningSecret } from "../connect-link";
import { linkCustomer, type LinkOutcome } from "../link-customer";
import { verifyStartLinkCode } from "./code";
import { resolveUser } from "./users";

/**
 * `/start <code>` (or a client whose tag is the code) → the link the code names, through the
 * same pipeline as /api/link (conflict rule, both sides written, every attempt logged), with
 * source `deep_link` and proof `start_link`. Each (client, code) is handled once; a code that
 * linked one client is "used" for every other client.
 */
export type StartPayload = {
  projectId: string;
  clientId: string;
  code: string;
  via: "message" | "tag";
  requestId?: string;
};

export type RedeemResult =
  | { kind: "campaign" }
  | { kind: "seen" }
  | { kind: "linked"; gcUserId: string; alreadyLinked: boolean }
  | { kind: "queued"; gcUserId: string; error: LinkErrorCode }
  | { kind: "failed"; error: LinkErrorCode; detail: string };

type ClientRow = { platformId: string | null; messenger: string | null };

async function telegramIdOf(projectId: string, clientId: string): Promise<string | null> {
  const client: ClientRow | null = await db.salebotClient.findUnique({
    where: { projectId_clientId: { projectId, clientId } },
    select: { platformId: true, messenger: true },
  });
  // Only a Telegram client's messenger id is a Telegram id (VK and WhatsApp ids are not).
  return client?.messenger === "telegram" && client.platformId && /^\d{1,20}$/.test(client.platformId)
    ? client.platformId
    : null;
}

/** A failure that never reached linkCustomer: logged as an attempt like every other. */
async function recordRefusal(
  payload: StartPayload,
  requestId: string,
  error: LinkErrorCode,
  detail: string,
  known: { gcUserId?: string; email?: string | null; telegramId?: string | null } = {},
): Promise<RedeemResult> {
  await db.linkAttempt.create({
    data: {
      requestId,
      projectId: payload.projectId,
      sbClientId: payload.clientId,
      telegramId: known.telegramId ?? null,
      email: known.email ?? null,
      source: "deep_link",
      outcome: "failed",
      errorCode: error,
      errorDetail: detail,
      gcUserId: known.gcUserId ?? null,
      durationMs: 0,
      input: { start_code: payload.code, via: payload.via, sb_id: payload.clientId },
    },
  });
  // Counted with every other link outcome (hub_link_outcomes_total), as linkCustomer counts its own.
  metrics().linkOutcomes.inc({ code: error, queued: "false" });
  return { kind: "failed", error, detail };
}

async function settleClaim(id: bigint, outcome: "linked" | "failed" | "pending", reason: string | null): Promise<void> {
  await db.startLinkClaim.update({ where: { id }, data: { outcome, reason } });
}

export async function redeemStartCode(payload: StartPayload): Promise<RedeemResult> {
  const requestId = payload.requestId ?? `start-link:${payload.projectId}:${payload.clientId}`;
  // A hand-made campaign code that happens to look like a personal one stays a campaign's.
  if (await db.campaign.findUnique({ where: { startCode: payload.code }, select: { id: true } })) {
    await db.$executeRaw`
      INSERT INTO start_link_claims (project_id, client_id, code, via, outcome)
      VALUES (${payload.projectId}, ${payload.clientId}, ${payload.code}, ${payload.via}, 'campaign')
      ON CONFLICT (project_id, client_id, code) DO NOTHING`;
    return { kind: "campaign" };
  }

  const check = verifyStartLinkCode(payload.code, { secret: linkSigningSecret(), projectId: payload.projectId });
  const claims = check.status === "ok" || check.status === "foreign" ? check.claims : null;
  const inserted = await db.$queryRaw<{ id: bigint }[]>`
    INSERT INTO start_link_claims (project_id, client_id, code, via, gc_user_id, campaign_id, outcome)
    VALUES (${payload.projectId}, ${payload.clientId}, ${payload.code}, ${payload.via}, ${claims?.gcUserId ?? null}, ${claims?.campaignId ?? null}, 'pending')
    ON CONFLICT (project_id, client_id, code) DO NOTHING
    RETURNING id`;
  const claimId = inserted[0]?.id;
  // This client sent this code before (a tag and a `/start` text, a redelivery): handled once.
  if (claimId === undefined) return { kind: "seen" };

  const telegramId = await telegramIdOf(payload.projectId, payload.clientId);
  const refuse = async (
    error: LinkErrorCode,
    detail: string,
    known: { gcUserId?: string; email?: string | null } = {},
  ) => {
    await settleClaim(claimId, "failed", error);
    log.info("start link refused", { projectId: payload.projectId, clientId: payload.clientId, error });
    return recordRefusal(payload, requestId, error, detail, { ...known, telegramId });
  };

  if (check.status === "forged") return refuse("start_link_invalid", LINK_DETAILS.text("startLinkForged"));
  if (check.status === "malformed") return refuse("start_link_invalid", LINK_DETAILS.text("startLinkBroken"));
  if (check.status === "foreign") {
    return refuse(
      "start_link_foreign",
      LINK_DETAILS.text("startLinkOtherProject", { made: check.claims.projectId, project: payload.projectId }),
      { gcUserId: check.claims.gcUserId },
    );
  }
  const { gcUserId, campaignId } = check.claims;

  const integrations = getIntegrations();
  if (integrations.projectId !== payload.projectId) {
    return refuse(
      "start_link_foreign",
      LINK_DETAILS.text("startLinkClientProject", { project: integrations.projectId, client: payload.projectId }),
      { gcUserId },
    );
  }

  // Used: another client of this project already redeemed (or is redeeming) this user's link.
  const other = await db.startLinkClaim.findFirst({
    where: {
      projectId: payload.projectId,
      gcUserId,
      outcome: { in: ["linked", "pending"] },
      clientId: { not: payload.clientId },
      id: { lt: claimId },
    },
    select: { clientId: true },
  });
  // The e-mail comes from what GetCourse said about the code's user id, never from a caller.
  const resolution = await resolveUser({ gcUserId }, integrations.gc).catch(() => null);
  const user = resolution?.kind === "found" ? resolution.user : null;
  if (other) {
    return refuse("start_link_used", LINK_DETAILS.text("startLinkUsed", { client: other.clientId }), {
      gcUserId,
      email: user?.email,
    });
  }
  if (!user)
    return refuse("user_not_found", LINK_DETAILS.text("startLinkUnknownUser", { user: gcUserId }), { gcUserId });

  if (campaignId) {
    await db.$executeRaw`
      INSERT INTO campaign_clients (project_id, client_id, campaign_id, via)
      SELECT ${payload.projectId}, ${payload.clientId}, id, 'start_param' FROM campaigns WHERE id = ${BigInt(campaignId)}
      ON CONFLICT (project_id, client_id) DO NOTHING`;
  }

  let outcome: LinkOutcome;
  try {
    outcome = await linkCustomer(
      { email: user.email, telegramId, sbClientId: payload.clientId },
      { source: "deep_link", proof: "start_link", requestId, expectGcUserId: gcUserId },
    );
  } catch (error) {
    await settleClaim(claimId, "failed", "internal_error");
    throw error;
  }
  if (outcome.success) {
    await settleClaim(claimId, "linked", null);
    await db.startLinkUser.updateMany({
      where: { gcUserId: user.gcUserId, fieldStatus: "due" },
      data: { fieldStatus: "skipped", fieldError: "linked" },
    });
    return { kind: "linked", gcUserId: outcome.gcUserId, alreadyLinked: outcome.alreadyLinked };
  }
  if (outcome.queued) {
    // GetCourse is away: the link queue carries it on; the claim stays pending, so the code stays this client's.
    return { kind: "queued", gcUserId, error: outcome.error };
  }
  await settleClaim(claimId, "failed", outcome.error);
  return { kind: "failed", error: outcome.error, detail: outcome.detail };
}
