"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { recordAudit } from "@/lib/audit";
import { requireActionUser } from "@/lib/auth/session";
import { startBackfill } from "@/lib/events/getcourse-backfill";
import { getTranslator } from "@/lib/i18n/server";
import { validationText } from "@/lib/i18n/validation";
import { latestStartLinkRun, startBulkFieldWrite, type StartLinkRunView } from "@/lib/linking/start-link/field-write";
import { currentIntegrationConfig } from "@/lib/integrations";
import { API_TOKEN_KINDS, rotateApiToken, setLegacyGetCourseLinkTokenSetting } from "@/lib/settings/api-tokens";
import { latestBackfillProgress, type BackfillProgressView } from "@/lib/settings/backfill-view";
import { requiredFieldNames, testGetCourse, testSalebot, type ConnectionReport } from "@/lib/settings/connection-test";
import { fieldCheckFromReport, saveFieldCheck } from "@/lib/settings/field-check";
import { clearUpstreamSamples } from "@/lib/settings/upstream-samples";
import { forwardingInputFromForm, integrationInputFromForm, type IntegrationSection } from "@/lib/settings/form-input";
import { updateForwardingSettings } from "@/lib/forwarding/update-settings";
import { saveIntegrationSettings } from "@/lib/settings/integration-settings";
import { updateSalebotVariablesSetting } from "@/lib/salebot-quota/variables-setting";
import { updateMatchingSetting } from "@/lib/matching/setting";

// Server actions of /settings. Each checks the session and its permission itself: a server action
// is a public POST endpoint, whatever page rendered the form.

async function invalid(error: unknown): Promise<ActionState> {
  if (!(error instanceof z.ZodError)) throw error;
  const { t } = await getTranslator();
  return { status: "error", message: `${t("settings.error.invalid")} ${validationText(t, error)}` };
}

async function saved(): Promise<ActionState> {
  revalidatePath("/settings");
  const { t } = await getTranslator();
  return { status: "ok", message: t("settings.saved") };
}

async function saveSection(
  actor: Awaited<ReturnType<typeof requireActionUser>>,
  section: IntegrationSection,
  form: FormData,
): Promise<ActionState> {
  try {
    const { cleared } = await saveIntegrationSettings(actor, integrationInputFromForm(section, form));
    if (cleared.length > 0) {
      revalidatePath("/settings");
      const { t } = await getTranslator();
      return { status: "error", message: t("settings.keysCleared") };
    }
    return await saved();
  } catch (error) {
    return invalid(error);
  }
}

export async function saveGetCourseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  return saveSection(actor, "getcourse", form);
}

export async function saveSalebotAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  return saveSection(actor, "salebot", form);
}

export async function saveFieldsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  return saveSection(actor, "fields", form);
}

export async function saveForwardingAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  try {
    await updateForwardingSettings(actor, forwardingInputFromForm(form));
    return await saved();
  } catch (error) {
    return invalid(error);
  }
}

export async function saveSalebotVariablesAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  await updateSalebotVariablesSetting(actor, { fetchOnFirstSight: form.get("fetchOnFirstSight") === "on" });
  return saved();
}

export async function saveMatchingAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  await updateMatchingSetting(actor, { autoLinkPhone: form.get("autoLinkPhone") === "on" });
  return saved();
}

export async function rotateTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  const given = form.get("kind");
  const kind = API_TOKEN_KINDS.find((known) => known === given) ?? "link";
  const token = await rotateApiToken(actor, kind);
  revalidatePath("/settings");
  const { t } = await getTranslator();
  return { status: "ok", message: t(`settings.tokens.rotated.${kind}`), secret: token };
}

export async function saveLegacyGetCourseTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  await setLegacyGetCourseLinkTokenSetting(actor, form.get("accepted") === "on");
  return saved();
}

/** Runs against the saved configuration: test after saving. GetCourse also renews the field check shown on the page. */
export async function testConnectionAction(service: "getcourse" | "salebot"): Promise<ConnectionReport> {
  await requireActionUser("settings.manage");
  const config = currentIntegrationConfig();
  if (service === "salebot") return testSalebot(config);
  const report = await testGetCourse(config);
  // The test already read the account's fields: keep that as the field check, with no second round of calls.
  await saveFieldCheck(fieldCheckFromReport(report, requiredFieldNames(config)));
  revalidatePath("/settings");
  return report;
}

export async function clearUpstreamSamplesAction(_state: ActionState, _form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("settings.manage");
  await clearUpstreamSamples();
  await recordAudit({ actor, action: "settings.samples.clear", target: "upstream_answer_samples" });
  revalidatePath("/settings");
  const { t } = await getTranslator();
  return { status: "ok", message: t("settings.samples.cleared") };
}

export async function startBackfillAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("backfill.run");
  const { t } = await getTranslator();
  try {
    const range = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
    const progress = await startBackfill({ ...range, startedBy: actor.email });
    await recordAudit({ actor, action: "backfill.start", target: `backfill:${progress.id}`, after: range });
    revalidatePath("/settings");
    return { status: "ok", message: t("settings.backfill.started", { id: progress.id }) };
  } catch (error) {
    return invalid(error);
  }
}

/** "Write start links to GetCourse": every known not-linked user's personal link, paced by the start-links job. */
export async function startStartLinksAction(_state: ActionState, _form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("backfill.run");
  const { t } = await getTranslator();
  let run: StartLinkRunView;
  try {
    run = await startBulkFieldWrite(actor.email);
  } catch (error) {
    return {
      status: "error",
      message: `${t("settings.startLinks.failed")} ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  await recordAudit({
    actor,
    action: "start_links.write_all",
    target: `backfill:${run.id}`,
    after: { total: run.total },
  });
  revalidatePath("/settings");
  return { status: "ok", message: t("settings.startLinks.started", { id: run.id, total: run.total }) };
}

export async function startLinkProgressAction(): Promise<StartLinkRunView | null> {
  await requireActionUser("backfill.run");
  return latestStartLinkRun();
}

export async function backfillProgressAction(): Promise<BackfillProgressView | null> {
  await requireActionUser("backfill.run");
  return latestBackfillProgress();
}
