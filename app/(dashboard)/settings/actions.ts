"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { recordAudit } from "@/lib/audit";
import { requireActionUser } from "@/lib/auth/session";
import { readAction, runAction } from "@/lib/auth/server-action";
import type { SessionUser } from "@/lib/auth/session-user";
import { startBackfill } from "@/lib/events/getcourse-backfill";
import type { Translate } from "@/lib/i18n/messages";
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

// Server actions of /settings, each behind its permission (a server action is a public POST
// endpoint, whatever page rendered the form). A form's invalid input is its answer, not a 500.

function invalid(error: unknown, t: Translate): ActionState | null {
  if (!(error instanceof z.ZodError)) return null;
  return { status: "error", message: `${t("settings.error.invalid")} ${validationText(t, error)}` };
}

function saved(t: Translate): ActionState {
  revalidatePath("/settings");
  return { status: "ok", message: t("settings.saved") };
}

async function saveSection(
  actor: SessionUser,
  t: Translate,
  section: IntegrationSection,
  form: FormData,
): Promise<ActionState> {
  const { cleared } = await saveIntegrationSettings(actor, integrationInputFromForm(section, form));
  if (cleared.length === 0) return saved(t);
  revalidatePath("/settings");
  return { status: "error", message: t("settings.keysCleared") };
}

export async function saveGetCourseAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", (actor, t) => saveSection(actor, t, "getcourse", form), invalid);
}

export async function saveSalebotAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", (actor, t) => saveSection(actor, t, "salebot", form), invalid);
}

export async function saveFieldsAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", (actor, t) => saveSection(actor, t, "fields", form), invalid);
}

export async function saveForwardingAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "settings.manage",
    async (actor, t) => {
      await updateForwardingSettings(actor, forwardingInputFromForm(form));
      return saved(t);
    },
    invalid,
  );
}

export async function saveSalebotVariablesAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", async (actor, t) => {
    await updateSalebotVariablesSetting(actor, { fetchOnFirstSight: form.get("fetchOnFirstSight") === "on" });
    return saved(t);
  });
}

export async function saveMatchingAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", async (actor, t) => {
    await updateMatchingSetting(actor, { autoLinkPhone: form.get("autoLinkPhone") === "on" });
    return saved(t);
  });
}

export async function rotateTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", async (actor, t) => {
    const given = form.get("kind");
    const kind = API_TOKEN_KINDS.find((known) => known === given) ?? "link";
    const token = await rotateApiToken(actor, kind);
    revalidatePath("/settings");
    return { status: "ok", message: t(`settings.tokens.rotated.${kind}`), secret: token };
  });
}

export async function saveLegacyGetCourseTokenAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("settings.manage", async (actor, t) => {
    await setLegacyGetCourseLinkTokenSetting(actor, form.get("accepted") === "on");
    return saved(t);
  });
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
  return runAction("settings.manage", async (actor, t) => {
    await clearUpstreamSamples();
    await recordAudit({ actor, action: "settings.samples.clear", target: "upstream_answer_samples" });
    revalidatePath("/settings");
    return { status: "ok", message: t("settings.samples.cleared") };
  });
}

export async function startBackfillAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "backfill.run",
    async (actor, t) => {
      const range = { from: String(form.get("from") ?? ""), to: String(form.get("to") ?? "") };
      const progress = await startBackfill({ ...range, startedBy: actor.email });
      await recordAudit({ actor, action: "backfill.start", target: `backfill:${progress.id}`, after: range });
      revalidatePath("/settings");
      return { status: "ok", message: t("settings.backfill.started", { id: progress.id }) };
    },
    invalid,
  );
}

/** "Write start links to GetCourse": every known not-linked user's personal link, paced by the start-links job. */
export async function startStartLinksAction(_state: ActionState, _form: FormData): Promise<ActionState> {
  return runAction("backfill.run", async (actor, t) => {
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
  });
}

export async function startLinkProgressAction(): Promise<StartLinkRunView | null> {
  return readAction("backfill.run", latestStartLinkRun);
}

export async function backfillProgressAction(): Promise<BackfillProgressView | null> {
  return readAction("backfill.run", latestBackfillProgress);
}
