"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { requireActionUser } from "@/lib/auth/session";
import { dismissUnreadableCall, reprocessUnreadableCall } from "@/lib/events/getcourse-unreadable";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import { getTranslator } from "@/lib/i18n/server";
import { translateTechnicalText } from "@/lib/i18n/technical-text";

// Server actions of /failures/getcourse. Each checks the session and `failures.retry` itself (a
// server action is a public POST endpoint); lib/events/getcourse-unreadable.ts checks it again.

async function notFoundAnswer(error: unknown): Promise<ActionState> {
  const { t } = await getTranslator();
  if (error instanceof HttpError && error.status === 404) return { status: "error", message: t("gcCalls.error.not_found") };
  throw error;
}

export async function reprocessCallAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("failures.retry");
  const { t } = await getTranslator();
  try {
    const result = await reprocessUnreadableCall(actor, formText(form, "id"), { dealId: formText(form, "dealId") || undefined });
    if (result.kind === "still_unreadable") return { status: "error", message: t("gcCalls.result.still", { detail: translateTechnicalText(t, result.detail) ?? result.detail }) };
    revalidatePath("/failures/getcourse");
    return { status: "ok", message: t("gcCalls.result.stored", { deal: result.dealId }) };
  } catch (error) {
    return notFoundAnswer(error);
  }
}

export async function dismissCallAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("failures.retry");
  const { t } = await getTranslator();
  try {
    await dismissUnreadableCall(actor, formText(form, "id"));
    revalidatePath("/failures/getcourse");
    return { status: "ok", message: t("gcCalls.result.dismissed") };
  } catch (error) {
    return notFoundAnswer(error);
  }
}
