"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { requireActionUser } from "@/lib/auth/session";
import { retryAllDeadAsUser, retryDeliveryAsUser } from "@/lib/deliveries/retry";
import { getTranslator } from "@/lib/i18n/server";

// Server actions of /deliveries: each checks the session and `deliveries.retry` itself.

export async function retryDeliveryAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("deliveries.retry");
  const { t } = await getTranslator();
  const id = form.get("id");
  const { queued } = await retryDeliveryAsUser(actor, typeof id === "string" ? id : "");
  revalidatePath("/deliveries");
  return { status: "ok", message: t(queued ? "deliveries.result.queued" : "deliveries.result.notQueued") };
}

export async function retryAllDeadAction(_state: ActionState): Promise<ActionState> {
  const actor = await requireActionUser("deliveries.retry");
  const { t } = await getTranslator();
  const { queued } = await retryAllDeadAsUser(actor);
  revalidatePath("/deliveries");
  return { status: "ok", message: t("deliveries.result.queuedAll", { count: queued }) };
}
