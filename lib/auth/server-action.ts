import type { ActionState } from "@/components/ui/action-form";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import type { Permission } from "./permissions";
import { requireActionUser } from "./session";
import type { SessionUser } from "./session-user";

/**
 * The frame of a dashboard server action. A server action is a public POST endpoint whatever page
 * rendered its form, so the session and the permission are checked before anything runs; the
 * domain's expected refusals become an answer on the form through `refusal` (null: not one of
 * them), and anything else is thrown to the error page.
 */
export async function runAction(
  permission: Permission,
  run: (actor: SessionUser, t: Translate) => Promise<ActionState>,
  refusal: (error: unknown, t: Translate) => ActionState | null = () => null,
): Promise<ActionState> {
  const actor = await requireActionUser(permission);
  const { t } = await getTranslator();
  try {
    return await run(actor, t);
  } catch (error) {
    const answer = refusal(error, t);
    if (answer) return answer;
    throw error;
  }
}
