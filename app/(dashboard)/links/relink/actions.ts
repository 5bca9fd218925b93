"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/components/ui/action-form";
import { runAction } from "@/lib/auth/server-action";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import type { Translate } from "@/lib/i18n/messages";
import { applyRelink, unlink } from "@/lib/linking/relink";
import { errorCodeLabel } from "@/lib/i18n/codes";
import { readTechnicalText } from "@/lib/i18n/technical-text";

// Server actions of /links/relink, behind `links.relink` (runAction checks the session), and
// lib/linking/relink.ts re-validates the input and re-reads GetCourse before writing anything:
// the preview the admin confirmed may be minutes old. No revalidation: the answer stays on screen
// beside the preview it answers, and the next visit reads the new state.

function refused(error: unknown, t: Translate): ActionState | null {
  if (!(error instanceof HttpError)) return null;
  if (error.status === 403) return { status: "error", message: t("relink.error.forbidden") };
  if (error.code === "unknown_project") return { status: "error", message: t("relink.error.unknown_project") };
  if (error.code === "not_linked") return { status: "error", message: t("relink.error.not_linked") };
  if (error.status === 400) return { status: "error", message: t("relink.error.invalid") };
  return null;
}

/** The warnings (lib/linking/relink.ts writes them in English) in the reader's words; the services' own answers folded. */
function withWarnings(message: string, warnings: string[], t: Translate): ActionState {
  if (warnings.length === 0) return { status: "ok", message };
  const read = warnings.map((warning) => readTechnicalText(t, warning));
  const words = read.map((warning, index) => warning.translated ?? warnings[index]).join(" ");
  const answers = read.flatMap((warning) => (warning.serviceAnswer ? [warning.serviceAnswer] : []));
  return {
    status: "ok",
    message: `${message} ${t("relink.done.warnings", { warnings: words })}`,
    ...(answers.length > 0 && { detail: { label: t("code.details.service"), text: answers.join("\n") } }),
  };
}

export async function applyRelinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "links.relink",
    async (actor, t) => {
      const input = {
        projectId: formText(form, "project"),
        sbClientId: formText(form, "client"),
        email: formText(form, "email"),
      };
      const result = await applyRelink(actor, input);
      if (result.kind === "noop") return { status: "ok", message: t("relink.noop") };
      if (result.kind === "blocked")
        return { status: "error", message: t("relink.error.blocked", { code: errorCodeLabel(t, result.code) }) };
      if (result.warnings.length > 0) {
        const message = t("relink.done", { client: input.sbClientId, email: input.email.trim().toLowerCase() });
        return withWarnings(message, result.warnings, t);
      }
      // The page shows the state as it is now, with the customer card and the audit entry.
      const done = new URLSearchParams({
        project: input.projectId,
        client: input.sbClientId,
        done: result.auditId,
      }).toString();
      redirect(`/links/relink?${done}`);
    },
    refused,
  );
}

export async function unlinkAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "links.relink",
    async (actor, t) => {
      const sbClientId = formText(form, "client");
      // The page asks for a tick before the button acts; a POST without it unlinks nothing.
      if (formText(form, "confirm") !== "yes") return { status: "error", message: t("relink.unlink.confirmFirst") };
      const { warnings } = await unlink(actor, { projectId: formText(form, "project"), sbClientId });
      return withWarnings(t("relink.done.unlinked", { client: sbClientId }), warnings, t);
    },
    refused,
  );
}
