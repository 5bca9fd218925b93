"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { ActionState } from "@/components/ui/action-form";
import { runAction } from "@/lib/auth/server-action";
import { formText } from "@/lib/form-data";
import { HttpError } from "@/lib/http";
import type { Translate } from "@/lib/i18n/messages";
import { confirmSuggestion, dismissSuggestion, SupersededSuggestionError } from "@/lib/matching/suggestions";

// Server actions of /suggestions, each behind `suggestions.decide` (a server action is a public
// POST endpoint); the link itself goes through linkCustomer.

const idInput = z
  .string()
  .trim()
  .regex(/^\d{1,19}$/);
const reasonInput = z.string().trim().min(1).max(500);

function refused(error: unknown, t: Translate): ActionState | null {
  if (error instanceof HttpError && error.status === 409)
    return { status: "error", message: t("suggestions.error.decided") };
  if (error instanceof HttpError && error.status === 404)
    return { status: "error", message: t("suggestions.error.notFound") };
  return null;
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
  return runAction(
    "suggestions.decide",
    async (actor, t) => {
      const id = idInput.safeParse(formText(form, "id"));
      if (!id.success) return { status: "error", message: t("suggestions.error.notFound") };
      // A refused link (outcome.success false) is decided too: the suggestion is now `failed`. One
      // whose client or GetCourse user got linked another way was not tried at all: it left the
      // waiting list, and the note above the list says which link took its place.
      try {
        await confirmSuggestion(actor, BigInt(id.data));
      } catch (error) {
        if (!(error instanceof SupersededSuggestionError)) throw error;
      }
      backToList(form, id.data);
    },
    refused,
  );
}

export async function dismissSuggestionAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "suggestions.decide",
    async (actor, t) => {
      const id = idInput.safeParse(formText(form, "id"));
      const reason = reasonInput.safeParse(formText(form, "reason"));
      if (!id.success) return { status: "error", message: t("suggestions.error.notFound") };
      if (!reason.success) return { status: "error", message: t("suggestions.error.reason") };
      await dismissSuggestion(actor, BigInt(id.data), reason.data);
      backToList(form, id.data);
    },
    refused,
  );
}
