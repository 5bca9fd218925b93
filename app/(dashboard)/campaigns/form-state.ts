import type { CampaignField } from "@/lib/campaigns/input";

/** What the create and archive actions answer; texts already translated for the viewer. */
export type CampaignFormState =
  | { status: "idle" }
  | { status: "ok"; message: string; created?: { name: string; telegramUrl: string; salebotUrl: string | null } }
  | {
      status: "error";
      message: string;
      fields?: Partial<Record<CampaignField, string>>;
      values?: Partial<Record<CampaignField, string>>;
    };

export type CampaignAction = (state: CampaignFormState, form: FormData) => Promise<CampaignFormState>;
