"use server";

import { revalidatePath } from "next/cache";
import type { ActionState } from "@/components/ui/action-form";
import { isRole } from "@/lib/auth/permissions";
import { runAction } from "@/lib/auth/server-action";
import { formText } from "@/lib/form-data";
import type { Translate } from "@/lib/i18n/messages";
import { changeRole, inviteUser, resetPassword, setActive, UserChangeError } from "@/lib/users/manage";

// Server actions of /users, each behind `users.manage`.

function failure(error: unknown, t: Translate): ActionState | null {
  return error instanceof UserChangeError
    ? { status: "error", message: t(`users.error.${error.code}` as const) }
    : null;
}

export async function inviteUserAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "users.manage",
    async (actor, t) => {
      const role = formText(form, "role");
      if (!isRole(role)) return { status: "error", message: t("users.error.unknown") };
      const { user, password } = await inviteUser(actor, { email: formText(form, "email"), role });
      revalidatePath("/users");
      return { status: "ok", message: t("users.invite.done", { email: user.email }), secret: password };
    },
    failure,
  );
}

export async function changeRoleAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "users.manage",
    async (actor, t) => {
      const role = formText(form, "role");
      if (!isRole(role)) return { status: "error", message: t("users.error.unknown") };
      await changeRole(actor, formText(form, "id"), role);
      revalidatePath("/users");
      return { status: "ok", message: t("users.saved") };
    },
    failure,
  );
}

export async function setActiveAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "users.manage",
    async (actor, t) => {
      await setActive(actor, formText(form, "id"), formText(form, "active") === "true");
      revalidatePath("/users");
      return { status: "ok", message: t("users.saved") };
    },
    failure,
  );
}

export async function resetPasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  return runAction(
    "users.manage",
    async (actor, t) => {
      const { user, password } = await resetPassword(actor, formText(form, "id"));
      return { status: "ok", message: t("users.reset.done", { email: user.email }), secret: password };
    },
    failure,
  );
}
