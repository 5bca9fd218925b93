"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { runAction } from "@/lib/auth/server-action";
import { dismissUnreadableCall, reprocessUnreadableCall } from "@/lib/events/getcourse-unreadable";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import type { Translate } from "@/lib/i18n/messages";
import { translateTechnicalText } from "@/lib/i18n/technical-text";

// Server actions of /failures/getcourse, each behind `failures.retry`;
// lib/events/getcourse-unreadable.ts checks it again.

function notFoundAnswer(error: unknown, t: Translate): ActionState | null {
  return error instanceof HttpError && error.status === 404
    ? { status: "error", message: t("gcCalls.error.not_found") }
    : null;
}

export async function reprocessCallAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "failures.retry",
    async (actor, t) => {
      const result = await reprocessUnreadableCall(actor, formText(form, "id"), {
        dealId: formText(form, "dealId") || undefined,
      });
      if (result.kind === "still_unreadable")
        return {
          status: "error",
          message: t("gcCalls.result.still", { detail: translateTechnicalText(t, result.detail) ?? result.detail }),
        };
      revalidatePath("/failures/getcourse");
      return { status: "ok", message: t("gcCalls.result.stored", { deal: result.dealId }) };
    },
    notFoundAnswer,
  );
}

export async function dismissCallAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "failures.retry",
    async (actor, t) => {
      await dismissUnreadableCall(actor, formText(form, "id"));
      revalidatePath("/failures/getcourse");
      return { status: "ok", message: t("gcCalls.result.dismissed") };
    },
    notFoundAnswer,
  );
}
