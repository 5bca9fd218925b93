import type { ActionState } from "@/components/ui/action-form";
import { HttpError } from "@/lib/http";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import type { Permission } from "./permissions";
import { requireActionUser } from "./session";
import type { SessionUser } from "./session-user";

type RefusedState = { status: "error"; message: string };

/**
 * A session or permission refusal as the form's answer. A POST replayed without the right (a
 * marketer's browser sending an admin's form) is an expected refusal, not a server error.
 */
export function accessRefusal(error: unknown, t: Translate): RefusedState | null {
  if (!(error instanceof HttpError)) return null;
  if (error.status === 401) return { status: "error", message: t("action.refused.signedOut") };
  if (error.code === "password_change_required")
    return { status: "error", message: t("action.refused.passwordChange") };
  if (error.status === 403) return { status: "error", message: t("action.refused.forbidden") };
  return null;
}

/**
 * The frame of a dashboard server action. A server action is a public POST endpoint whatever page
 * rendered its form, so the session and the permission are checked before anything runs (a
 * refusal is the form's answer); the domain's expected refusals become an answer on the form
 * through `refusal` (null: not one of them), and anything else is thrown to the error page.
 */
export async function runAction<State extends { status: string } = ActionState>(
  permission: Permission,
  run: (actor: SessionUser, t: Translate) => Promise<State>,
  refusal: (error: unknown, t: Translate) => State | null = () => null,
): Promise<State | RefusedState> {
  const { t } = await getTranslator();
  let actor: SessionUser;
  try {
    actor = await requireActionUser(permission);
  } catch (error) {
    const answer = accessRefusal(error, t);
    if (answer) return answer;
    throw error;
  }
  try {
    return await run(actor, t);
  } catch (error) {
    const answer = refusal(error, t);
    if (answer) return answer;
    throw error;
  }
}

/**
 * The frame of a server action that is read, not submitted (a progress poll): refused, it answers
 * `null` ("nothing to show") instead of a server error.
 */
export async function readAction<Value>(permission: Permission, read: () => Promise<Value>): Promise<Value | null> {
  try {
    await requireActionUser(permission);
  } catch (error) {
    if (error instanceof HttpError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
  return read();
}
