"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { isRole } from "@/lib/auth/permissions";
import { requireActionUser } from "@/lib/auth/session";
import { formText } from "@/lib/form-data";
import { getTranslator } from "@/lib/i18n/server";
import { changeRole, inviteUser, resetPassword, setActive, UserChangeError } from "@/lib/users/manage";

// Server actions of /users. Each checks the session and `users.manage` itself: a server action
// is a public POST endpoint, whatever page rendered the form.

async function failure(error: unknown): Promise<ActionState> {
  const { t } = await getTranslator();
  if (error instanceof UserChangeError) return { status: "error", message: t(`users.error.${error.code}` as const) };
  throw error;
}

export async function inviteUserAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("users.manage");
  const role = formText(form, "role");
  const { t } = await getTranslator();
  if (!isRole(role)) return { status: "error", message: t("users.error.unknown") };
  try {
    const { user, password } = await inviteUser(actor, { email: formText(form, "email"), role });
    revalidatePath("/users");
    return { status: "ok", message: t("users.invite.done", { email: user.email }), secret: password };
  } catch (error) {
    return failure(error);
  }
}

export async function changeRoleAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("users.manage");
  const role = formText(form, "role");
  const { t } = await getTranslator();
  if (!isRole(role)) return { status: "error", message: t("users.error.unknown") };
  try {
    await changeRole(actor, formText(form, "id"), role);
    revalidatePath("/users");
    return { status: "ok", message: t("users.saved") };
  } catch (error) {
    return failure(error);
  }
}

export async function setActiveAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("users.manage");
  const { t } = await getTranslator();
  try {
    await setActive(actor, formText(form, "id"), formText(form, "active") === "true");
    revalidatePath("/users");
    return { status: "ok", message: t("users.saved") };
  } catch (error) {
    return failure(error);
  }
}

export async function resetPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const actor = await requireActionUser("users.manage");
  const { t } = await getTranslator();
  try {
    const { user, password } = await resetPassword(actor, formText(form, "id"));
    return { status: "ok", message: t("users.reset.done", { email: user.email }), secret: password };
  } catch (error) {
    return failure(error);
  }
}
