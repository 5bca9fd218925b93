"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { runAction } from "@/lib/auth/server-action";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import { errorCodeLabel } from "@/lib/i18n/codes";
import type { Translate } from "@/lib/i18n/messages";
import { can } from "@/lib/auth/permissions";
import { currentHintContext, fixHint } from "@/lib/linking/fix-hints";
import { dismissFailure, retryAllOfCode, retryFailure } from "@/lib/linking/retry-failures";

// Server actions of /failures, each behind its permission; lib/linking/retry-failures.ts checks
// the permission again.

function refused(error: unknown, t: Translate): ActionState | null {
  if (!(error instanceof HttpError)) return null;
  if (error.code === "conflict") return { status: "error", message: t("failures.error.conflict") };
  if (error.code === "not_retryable") return { status: "error", message: t("failures.error.not_retryable") };
  if (error.status === 400) return { status: "error", message: t("failures.error.reason") };
  if (error.status === 404) return { status: "error", message: t("failures.error.not_found") };
  if (error.status === 422) return { status: "error", message: t("failures.error.unreadable") };
  return null;
}

export async function retryFailureAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "failures.retry",
    async (actor, t) => {
      // Not revalidated: the row stays with its answer (a failed retry updates the same row on reload).
      const result = await retryFailure(actor, formText(form, "id"));
      if (result.kind === "linked") return { status: "ok", message: t("failures.result.linked") };
      if (result.kind === "nothing") return { status: "ok", message: t("failures.result.nothing") };
      if (result.queued) return { status: "ok", message: t("failures.result.queued") };
      // The hint itself, not a pointer to it: the row answering may be far from its code's card.
      const hint = fixHint(t, result.code, currentHintContext(), { canRelink: can(actor, "links.relink") });
      return { status: "error", message: t("failures.result.failed", { code: errorCodeLabel(t, result.code), hint }) };
    },
    refused,
  );
}

export async function retryAllAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "failures.retry",
    async (actor, t) => {
      const { queued, unreadable } = await retryAllOfCode(actor, formText(form, "code"));
      revalidatePath("/failures");
      if (queued > 0) return { status: "ok", message: t("failures.result.queuedAll", { count: queued }) };
      // Nothing queued: say why rather than a bare zero.
      if (unreadable > 0)
        return { status: "error", message: t("failures.result.queuedNone.unreadable", { count: unreadable }) };
      return { status: "ok", message: t("failures.result.queuedNone") };
    },
    refused,
  );
}

export async function dismissFailureAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "failures.dismiss",
    async (actor, t) => {
      const result = await dismissFailure(actor, formText(form, "id"), formText(form, "reason"));
      revalidatePath("/failures");
      return {
        status: "ok",
        message: t(result.kind === "dismissed" ? "failures.result.dismissed" : "failures.result.nothing"),
      };
    },
    refused,
  );
}
