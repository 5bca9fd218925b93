import { z } from "zod";
import { db } from "@/lib/db";
import { emailInput } from "@/lib/email";
import { HttpError } from "@/lib/http";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { isOutboundError } from "@/lib/outbound/errors";
import { personalStartLink } from "./field-write";
import { resolveUser } from "./users";

/**
 * `GET /api/link/start-link?email=E` or `?gc_user_id=ID` (both may be given; `campaign` optional:
 * a campaign's start code or id) → the user's personal start link. GetCourse processes pass
 * `{object.user.email}` / `{object.user.id}`.
 */
const text = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().optional(),
);

export const startLinkQuerySchema = z
  .object({
    email: text.pipe(z.string().toLowerCase().pipe(emailInput).optional()),
    gc_user_id: text.pipe(
      z
        .string()
        .regex(/^\d{1,19}$/, { error: "must be the numeric GetCourse user id" })
        .optional(),
    ),
    campaign: text.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be a campaign's start code or id" })
        .optional(),
    ),
  })
  .refine((query) => query.email !== undefined || query.gc_user_id !== undefined, {
    message: "give email or gc_user_id",
    path: ["email"],
  });

export type StartLinkQuery = z.output<typeof startLinkQuerySchema>;

async function campaignIdOf(campaign: string | undefined): Promise<string | null> {
  if (campaign === undefined) return null;
  const found = await db.campaign.findFirst({
    where: { OR: [{ startCode: campaign }, ...(/^\d{1,19}$/.test(campaign) ? [{ id: BigInt(campaign) }] : [])] },
    select: { id: true },
  });
  if (!found)
    throw new HttpError(400, "bad_request", `Invalid input: campaign: no campaign "${campaign}"`, [
      { field: "campaign", message: "no such campaign" },
    ]);
  return found.id.toString();
}

export async function issueStartLink(query: StartLinkQuery): Promise<{ url: string; code: string }> {
  let integrations: Integrations;
  try {
    integrations = getIntegrations();
  } catch (error) {
    throw new HttpError(503, "not_configured", error instanceof Error ? error.message : String(error));
  }
  const campaignId = await campaignIdOf(query.campaign);
  let resolution;
  try {
    resolution = await resolveUser({ gcUserId: query.gc_user_id, email: query.email }, integrations.gc);
  } catch (error) {
    if (isOutboundError(error))
      throw new HttpError(503, "gc_unavailable", `GetCourse could not be asked who this is: ${error.message}`);
    throw error;
  }
  if (resolution.kind === "mismatch")
    throw new HttpError(
      409,
      "conflict",
      `The e-mail and gc_user_id name different GetCourse users: ${resolution.detail}`,
    );
  if (resolution.kind === "unknown") {
    throw new HttpError(
      404,
      "user_not_found",
      "GetCourse has not told the hub about this user (no order event, no link, no Tech API answer): pass the user's own {object.user.id} / {object.user.email}, or configure the Tech API token.",
    );
  }
  const { user } = resolution;
  const link = personalStartLink(integrations, user.gcUserId, campaignId);
  if (!link)
    throw new HttpError(
      503,
      "not_configured",
      "No Telegram bot is configured: set SALEBOT_BOT_USERNAME (or the bot on Settings → Salebot).",
    );
  // Nothing the caller said is stored: redeeming reads the e-mail from GetCourse's own data again.
  return link;
}
