"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { requireActionUser } from "@/lib/auth/session";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import { getTranslator } from "@/lib/i18n/server";
import { confirmSuggestion, dismissSuggestion } from "@/lib/matching/suggestions";

// Server actions of /suggestions. Each checks the session and `suggestions.decide` itself (a
// server action is a public POST endpoint); the link itself goes through linkCustomer.

const idInput = z.string().trim().regex(/^\d{1,19}$/);
const reasonInput = z.string().trim().min(1).max(500);

async function refused(error: unknown): Promise<ActionState> {
  const { t } = await getTranslator();
  if (error instanceof HttpError && error.status === 409) return { status: "error", message: t("suggestions.error.decided") };
  if (error instanceof HttpError && error.status === 404) return { status: "error", message: t("suggestions.error.notFound") };
  throw error;
}

/**
 * A decided suggestion leaves the list it was on, and its row's answer with it: back to that list
 * (`back`, the page's own query) re-read, with a note of what came of the decision (`decided`).
 */
function backToList(form: FormData, id: string): never {
  const params = new URLSearchParams(formText(form, "back"));
  params.set("decided", id);
  redirect(`/suggestions?${params.toString()}`);
}

export async function confirmSuggestionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("suggestions.decide");
  const { t } = await getTranslator();
  const id = idInput.safeParse(formText(form, "id"));
  if (!id.success) return { status: "error", message: t("suggestions.error.notFound") };
  try {
    // A refused link (outcome.success false) is decided too: the suggestion is now `failed`.
    await confirmSuggestion(actor, BigInt(id.data));
  } catch (error) {
    return refused(error);
  }
  backToList(form, id.data);
}

export async function dismissSuggestionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("suggestions.decide");
  const { t } = await getTranslator();
  const id = idInput.safeParse(formText(form, "id"));
  const reason = reasonInput.safeParse(formText(form, "reason"));
  if (!id.success) return { status: "error", message: t("suggestions.error.notFound") };
  if (!reason.success) return { status: "error", message: t("suggestions.error.reason") };
  try {
    await dismissSuggestion(actor, BigInt(id.data), reason.data);
  } catch (error) {
    return refused(error);
  }
  backToList(form, id.data);
}
