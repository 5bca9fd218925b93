"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { runAction } from "@/lib/auth/server-action";
import { retryAllDeadAsUser, retryDeliveryAsUser } from "@/lib/deliveries/retry";

// Server actions of /deliveries, each behind `deliveries.retry`.

export async function retryDeliveryAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction("deliveries.retry", async (actor, t) => {
    const id = form.get("id");
    const { queued } = await retryDeliveryAsUser(actor, typeof id === "string" ? id : "");
    revalidatePath("/deliveries");
    return { status: "ok", message: t(queued ? "deliveries.result.queued" : "deliveries.result.notQueued") };
  });
}

export async function retryAllDeadAction(_state: ActionState): Promise<ActionState> {
  return runAction("deliveries.retry", async (actor, t) => {
    const { queued } = await retryAllDeadAsUser(actor);
    revalidatePath("/deliveries");
    return { status: "ok", message: t("deliveries.result.queuedAll", { count: queued }) };
  });
}
