import type { ClientPlan, DemoAttempt, DemoGcUser, DemoLink } from "./scenario-types";

/**
 * The chat-match part of the demo (issue 16), laid over the link history: every GetCourse user
 * has a phone; some clients who never linked are known by their phone (a WhatsApp number, or a
 * `phone` variable, as a shared Telegram contact leaves it) or wrote their e-mail into the chat;
 * one phone is shared by two users (ambiguous); and some past links were confirmed suggestions.
 * Pure and without randomness, so the scenario stays what its seed makes it.
 */
export type DemoMatchPlan = { phone: number; email: number; ambiguous: number; confirmed: number };

/** `+7 930 050-00-01` for user 500001: unique per user, written the way people type it. */
export function phoneForUser(id: number): string {
  const digits = `93${String(id).padStart(8, "0")}`;
  return `+7 ${digits.slice(0, 3)} ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`;
}

/** The same number the Russian way, as a customer types it into a bot: `8 (930) 050-00-01`. */
function russianWay(phone: string): string {
  const digits = phone.replace(/\D/g, "").slice(1);
  return `8 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6, 8)}-${digits.slice(8)}`;
}

/** Every eighth past link was a confirmed suggestion, so the analytics have the group to show. */
const CONFIRMED_EVERY = 8;

export function addChatMatches(
  plans: readonly ClientPlan[],
  users: DemoGcUser[],
  links: DemoLink[],
  attempts: DemoAttempt[],
): DemoMatchPlan {
  const plan: DemoMatchPlan = { phone: 0, email: 0, ambiguous: 0, confirmed: 0 };
  for (const user of users) user.phone = phoneForUser(user.id);
  const linkedUsers = plans.filter((p) => p.link && p.user).map((p) => p.user as DemoGcUser);
  let shared = 0;

  plans
    .filter((p): p is ClientPlan & { user: DemoGcUser } => p.user !== null && p.link === null)
    .forEach(({ conversation, user }, index) => {
      const { client } = conversation;
      // Two by phone, two by e-mail, one shared phone, one left alone, in turn.
      switch (index % 6) {
        case 0:
        case 3:
          // A WhatsApp client's id is their number; elsewhere the bot kept the number in `phone`.
          if (client.clientType === 6) user.phone = `+${client.platformId}`;
          else client.clientVariables.phone = russianWay(user.phone ?? "");
          plan.phone += 1;
          break;
        case 1:
        case 4: {
          const said = client.history.find((item, at) => at > 0 && item.clientReplica);
          if (!said) break;
          said.text = `Здравствуйте! Моя почта ${user.email}, не вижу курс в личном кабинете`;
          plan.email += 1;
          break;
        }
        case 2: {
          // A family number: a linked customer has it too, so the match is ambiguous.
          const other = linkedUsers[shared++];
          if (!other || !user.phone) break;
          other.phone = user.phone;
          client.clientVariables.phone = user.phone;
          plan.ambiguous += 1;
          break;
        }
        default:
          break;
      }
    });

  links.forEach((link, index) => {
    if (index % CONFIRMED_EVERY !== CONFIRMED_EVERY - 1 || link.source !== "bot") return;
    link.source = "suggestion";
    for (const attempt of attempts)
      if (attempt.sbClientId === link.sbClientId && attempt.email === link.email) attempt.source = "suggestion";
    plan.confirmed += 1;
  });
  return plan;
}
