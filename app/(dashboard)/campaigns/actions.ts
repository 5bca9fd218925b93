"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/auth/server-action";
import type { CampaignField } from "@/lib/campaigns/input";
import { createCampaign, CampaignNotFoundError, setCampaignArchived } from "@/lib/campaigns/manage";
import { formText } from "@/lib/form-data";
import type { CampaignFormState } from "./form-state";

// Server actions of /campaigns, each behind `campaigns.write` (a server action is a public POST
// endpoint, whatever page rendered the form).

const FIELDS: readonly CampaignField[] = [
  "name",
  "bot",
  "kind",
  "salebotLink",
  "startCode",
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmContent",
  "utmTerm",
];

export async function createCampaignAction(_state: CampaignFormState, form: FormData): Promise<CampaignFormState> {
  return runAction<CampaignFormState>("campaigns.write", async (actor, t) => {
    const raw = Object.fromEntries(FIELDS.map((name) => [name, formText(form, name)])) as Record<CampaignField, string>;
    const result = await createCampaign(actor, raw);
    if (!result.ok) {
      const fields: Partial<Record<CampaignField, string>> = {};
      for (const [name, code] of Object.entries(result.errors) as [
        CampaignField,
        NonNullable<(typeof result.errors)[CampaignField]>,
      ][]) {
        fields[name] = t(`campaigns.error.${code}` as const);
      }
      // The form is re-rendered from these, so nothing typed is lost.
      return { status: "error", message: t("campaigns.error.form"), fields, values: raw };
    }
    revalidatePath("/campaigns");
    const { campaign, attributedExisting } = result;
    const attributed =
      attributedExisting > 0 ? ` ${t("campaigns.create.attributed", { count: attributedExisting })}` : "";
    return {
      status: "ok",
      message: `${t("campaigns.create.done", { name: campaign.name })}${attributed}`,
      created: { name: campaign.name, telegramUrl: campaign.telegramUrl, salebotUrl: campaign.salebotUrl },
    };
  });
}

export async function setArchivedAction(_state: CampaignFormState, form: FormData): Promise<CampaignFormState> {
  return runAction<CampaignFormState>(
    "campaigns.write",
    async (actor) => {
      const archived = formText(form, "archived") === "true";
      const campaign = await setCampaignArchived(actor, formText(form, "id"), archived);
      revalidatePath("/campaigns");
      return { status: "ok", message: campaign.name };
    },
    (error, t) =>
      error instanceof CampaignNotFoundError ? { status: "error", message: t("campaigns.error.not_found") } : null,
  );
}
