"use server";

import { revalidatePath } from "next/cache";
import { requireActionUser } from "@/lib/auth/session";
import type { CampaignField } from "@/lib/campaigns/input";
import { createCampaign, CampaignNotFoundError, setCampaignArchived } from "@/lib/campaigns/manage";
import { formText } from "@/lib/form-data";
import { getTranslator } from "@/lib/i18n/server";
import type { CampaignFormState } from "./form-state";

// Server actions of /campaigns. Each checks the session and `campaigns.write` itself: a server
// action is a public POST endpoint, whatever page rendered the form.

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
  const actor = await requireActionUser("campaigns.write");
  const { t } = await getTranslator();
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
}

export async function setArchivedAction(_state: CampaignFormState, form: FormData): Promise<CampaignFormState> {
  const actor = await requireActionUser("campaigns.write");
  const { t } = await getTranslator();
  try {
    const campaign = await setCampaignArchived(actor, formText(form, "id"), formText(form, "archived") === "true");
    revalidatePath("/campaigns");
    return { status: "ok", message: campaign.name };
  } catch (error) {
    if (error instanceof CampaignNotFoundError) return { status: "error", message: t("campaigns.error.not_found") };
    throw error;
  }
}
