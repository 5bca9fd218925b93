"use server";

import { redirect } from "next/navigation";
import type { ActionState } from "@/components/ui/action-form";
import { reissueSession } from "@/lib/auth/reissue-session";
import { requireSignedInActionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { changeOwnPassword, OwnPasswordError } from "@/lib/users/own-password";

// The account page's one action: the signed-in person's own password. Open before a forced change
// (the only action that is), then back to the overview.
export async function changeOwnPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireSignedInActionUser();
  const { t } = await getTranslator();
  const field = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    const { sessionVersion } = await changeOwnPassword(user, {
      current: field("current"),
      next: field("next"),
      repeat: field("repeat"),
    });
    await reissueSession(user, sessionVersion);
  } catch (error) {
    if (error instanceof OwnPasswordError) return { status: "error", message: t(`account.error.${error.code}`) };
    throw error;
  }
  if (user.mustChangePassword) redirect("/");
  return { status: "ok", message: t("account.done") };
}
