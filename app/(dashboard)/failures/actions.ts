"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { requireActionUser } from "@/lib/auth/session";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import { getTranslator } from "@/lib/i18n/server";
import { errorCodeLabel } from "@/lib/i18n/codes";
import { currentHintContext, fixHint } from "@/lib/linking/fix-hints";
import { dismissFailure, retryAllOfCode, retryFailure } from "@/lib/linking/retry-failures";

// Server actions of /failures. Each checks the session and `failures.retry` itself (a server
// action is a public POST endpoint); lib/linking/retry-failures.ts checks the permission again.

async function refused(error: unknown): Promise<ActionState> {
  const { t } = await getTranslator();
  if (error instanceof HttpError && error.code === "conflict") return { status: "error", message: t("failures.error.conflict") };
  if (error instanceof HttpError && error.code === "not_retryable") return { status: "error", message: t("failures.error.not_retryable") };
  if (error instanceof HttpError && error.status === 400) return { status: "error", message: t("failures.error.reason") };
  if (error instanceof HttpError && error.status === 404) return { status: "error", message: t("failures.error.not_found") };
  if (error instanceof HttpError && error.status === 422) return { status: "error", message: t("failures.error.unreadable") };
  throw error;
}

export async function retryFailureAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("failures.retry");
  const { t } = await getTranslator();
  try {
    // Not revalidated: the row stays with its answer (a failed retry updates the same row on reload).
    const result = await retryFailure(actor, formText(form, "id"));
    if (result.kind === "linked") return { status: "ok", message: t("failures.result.linked") };
    if (result.kind === "nothing") return { status: "ok", message: t("failures.result.nothing") };
    if (result.queued) return { status: "ok", message: t("failures.result.queued") };
    // The hint itself, not a pointer to it: the row answering may be far from its code's card.
    const hint = fixHint(t, result.code, currentHintContext());
    return { status: "error", message: t("failures.result.failed", { code: errorCodeLabel(t, result.code), hint }) };
  } catch (error) {
    return refused(error);
  }
}

export async function retryAllAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("failures.retry");
  const { t } = await getTranslator();
  try {
    const { queued } = await retryAllOfCode(actor, formText(form, "code"));
    revalidatePath("/failures");
    return { status: "ok", message: t("failures.result.queuedAll", { count: queued }) };
  } catch (error) {
    return refused(error);
  }
}

export async function dismissFailureAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("failures.dismiss");
  const { t } = await getTranslator();
  try {
    const result = await dismissFailure(actor, formText(form, "id"), formText(form, "reason"));
    revalidatePath("/failures");
    return { status: "ok", message: t(result.kind === "dismissed" ? "failures.result.dismissed" : "failures.result.nothing") };
  } catch (error) {
    return refused(error);
  }
}
