import type { LinkSource } from "@/lib/generated/prisma/client";
import type { LinkErrorCode } from "@/lib/linking/codes";
import { GAVE_UP_SUFFIX, LINK_DETAILS } from "@/lib/linking/details";
import { OUTBOUND_DETAILS } from "@/lib/outbound/details";
import { TELEGRAM_CLIENT_TYPE } from "@/lib/salebot/client-types";
import type { GeneratedConversation } from "@/lib/simulators/salebot/simulator";
import { DAY_MS, DEMO_FIELDS, DEMO_PROJECT_ID, HOUR_MS, MINUTE_MS } from "./constants";
import { emailFor } from "./people";
import type { Random } from "@/lib/simulators/shared/seeded-random";
import type { ClientPlan, DemoAttempt, DemoGcUser, DemoLink } from "./scenario-types";

/**
 * Who of the Salebot clients is a GetCourse user, who got linked, and every link attempt on the
 * way, failures included. Failure kinds are dealt out by position, not by chance, so each kind
 * shows up in every demo (the Failures page and its fix hints are the point of the demo).
 */

/** Each kind's detail as the hub writes it, through the same templates (lib/linking/details.ts). */
const DETAILS: Record<LinkErrorCode, string> = {
  bad_request: LINK_DETAILS.text("malformedRequest"),
  user_not_found: LINK_DETAILS.text("gcNoUser"),
  field_telegram_id_not_found: LINK_DETAILS.text("gcNoField", { fields: `"${DEMO_FIELDS.telegram}"` }),
  field_salebot_id_not_found: LINK_DETAILS.text("gcNoField", { fields: `"${DEMO_FIELDS.salebot}"` }),
  gc_unavailable: OUTBOUND_DETAILS.text("answeredHttpTries", { service: "GetCourse", status: "502", tries: "2" }),
  gc_auth_failed: OUTBOUND_DETAILS.text("gcKeyRejected"),
  salebot_unavailable: OUTBOUND_DETAILS.text("answeredHttpTries", { service: "Salebot", status: "503", tries: "2" }),
  conflict: LINK_DETAILS.text("emailLinkedElsewhere"),
  internal_error: OUTBOUND_DETAILS.text("unexpectedGcAnswer", { cause: "result.user_id is missing." }),
  start_link_used: LINK_DETAILS.text("startLinkUsed", { client: "2000001" }),
  start_link_foreign: LINK_DETAILS.text("startLinkOtherProject", { made: "100002", project: DEMO_PROJECT_ID }),
  start_link_invalid: LINK_DETAILS.text("startLinkForged"),
};

/** Every DEEP_LINK_EVERY-th linked client pressed their personal start link instead of typing an e-mail. */
const DEEP_LINK_EVERY = 6;

/** A linked client's history before its success, by position among linked clients (mod 20). */
const PRIOR_FAILURE: Partial<Record<number, LinkErrorCode>> = {
  0: "gc_unavailable",
  1: "field_telegram_id_not_found",
  2: "field_salebot_id_not_found",
  3: "salebot_unavailable",
  4: "gc_auth_failed",
};

export type LinkHistory = { plans: ClientPlan[]; users: DemoGcUser[]; links: DemoLink[]; attempts: DemoAttempt[] };

export function telegramIdOf(conversation: GeneratedConversation): string | null {
  return conversation.client.clientType === TELEGRAM_CLIENT_TYPE ? conversation.client.platformId : null;
}

export function buildLinkHistory(
  conversations: readonly GeneratedConversation[],
  random: Random,
  options: { anchor: Date; firstUserId: number },
): LinkHistory {
  const { anchor } = options;
  const latest = anchor.getTime() - HOUR_MS;
  const users: DemoGcUser[] = [];
  const links: DemoLink[] = [];
  const attempts: DemoAttempt[] = [];
  const plans: ClientPlan[] = [];
  let requestNumber = 0;
  let linkedCount = 0;
  let unlinkedCount = 0;

  const attempt = (
    conversation: GeneratedConversation,
    email: string,
    at: number,
    fields: Partial<DemoAttempt> & Pick<DemoAttempt, "outcome">,
  ): void => {
    const errorCode = fields.errorCode ?? null;
    attempts.push({
      requestId: `demo-${String(++requestNumber).padStart(5, "0")}`,
      sbClientId: String(conversation.client.id),
      telegramId: telegramIdOf(conversation),
      email,
      source: "bot",
      errorCode,
      errorDetail: errorCode ? DETAILS[errorCode] : null,
      gcUserId: null,
      durationMs: random.int(180, errorCode === "gc_unavailable" ? 9_000 : 2_400),
      createdAt: new Date(Math.min(at, latest)),
      resolvedAt: null,
      ...fields,
    });
  };

  conversations.forEach((conversation, index) => {
    const first = conversation.firstMessageAt.getTime();
    const hasUser = random.chance(0.8);
    const user: DemoGcUser | null = hasUser
      ? {
          id: options.firstUserId + users.length,
          email: emailFor(conversation.client.name, index + 1),
          name: conversation.client.name,
          createdAt: new Date(first - random.int(0, 30) * DAY_MS - random.int(1, 600) * MINUTE_MS),
          utm: conversation.utmSource ? { utm_source: conversation.utmSource } : {},
        }
      : null;
    if (user) users.push(user);

    if (user && random.chance(0.65)) {
      const linkedAt = Math.min(first + random.int(3, 600) * MINUTE_MS, latest);
      const typed: LinkSource = random.chance(0.75) ? "bot" : random.chance(0.8) ? "form" : "admin";
      // By position, so the random sequence (and every other figure of the demo) stays as it was.
      const source: LinkSource = linkedCount % DEEP_LINK_EVERY === DEEP_LINK_EVERY - 1 ? "deep_link" : typed;
      const link: DemoLink = {
        sbClientId: String(conversation.client.id),
        telegramId: telegramIdOf(conversation),
        email: user.email,
        gcUserId: String(user.id),
        source,
        linkedAt: new Date(linkedAt),
      };
      links.push(link);
      plans.push({ conversation, user, link });
      const gcUserId = link.gcUserId;
      const prior = PRIOR_FAILURE[linkedCount++ % 20];
      if (prior === "salebot_unavailable") {
        // GetCourse took the keys, Salebot did not: the link stands, the Salebot part is retried.
        attempt(conversation, user.email, linkedAt, {
          source,
          outcome: "queued",
          errorCode: prior,
          gcUserId,
          resolvedAt: new Date(Math.min(linkedAt + random.int(2, 40) * MINUTE_MS, anchor.getTime())),
        });
        return;
      }
      if (prior) {
        const before = prior === "gc_unavailable" ? random.int(1, 50) * MINUTE_MS : random.int(2, 72) * HOUR_MS;
        attempt(conversation, user.email, linkedAt - before, {
          source,
          outcome: prior === "gc_unavailable" ? "queued" : "failed",
          errorCode: prior,
          resolvedAt: new Date(linkedAt),
        });
      }
      attempt(conversation, user.email, linkedAt, {
        source,
        outcome: "success",
        gcUserId,
        resolvedAt: new Date(linkedAt),
      });
      return;
    }

    plans.push({ conversation, user, link: null });
    const tried = first + random.int(5, 900) * MINUTE_MS;
    switch (unlinkedCount++ % 5) {
      case 0:
        // A typo in the address: GetCourse knows no such user.
        attempt(
          conversation,
          (user?.email ?? emailFor(conversation.client.name, index + 1)).replace("@", ".x@"),
          tried,
          {
            outcome: "failed",
            errorCode: "user_not_found",
          },
        );
        break;
      case 1: {
        // Someone typed an address that already belongs to a linked client.
        const taken = links[Math.floor(random.next() * links.length)];
        if (taken) {
          const at = Math.max(tried, taken.linkedAt.getTime() + random.int(10, 600) * MINUTE_MS);
          attempt(conversation, taken.email, at, { outcome: "failed", errorCode: "conflict" });
        }
        break;
      }
      default:
        break;
    }
  });

  // Rare kinds, left open for someone to look at.
  const open = plans.filter((plan) => plan.user && !plan.link).slice(0, 6);
  const [lost, stuck, broken, ...startLinks] = open;
  if (lost?.user) {
    const at = lost.conversation.firstMessageAt.getTime() + 2 * HOUR_MS;
    attempt(lost.conversation, lost.user.email, at, {
      outcome: "failed",
      errorCode: "gc_unavailable",
      errorDetail: `${DETAILS.gc_unavailable}${GAVE_UP_SUFFIX}`,
    });
  }
  if (stuck?.user) {
    attempt(stuck.conversation, stuck.user.email, stuck.conversation.firstMessageAt.getTime() + HOUR_MS, {
      outcome: "failed",
      errorCode: "gc_auth_failed",
    });
  }
  if (broken?.user) {
    attempt(broken.conversation, broken.user.email, broken.conversation.firstMessageAt.getTime() + 3 * HOUR_MS, {
      outcome: "failed",
      errorCode: "internal_error",
    });
  }

  // Start links that linked nobody: a forwarded one, one of another bot, one cut off in a letter.
  const startLinkFailures: LinkErrorCode[] = ["start_link_used", "start_link_foreign", "start_link_invalid"];
  startLinks.forEach((plan, index) => {
    const errorCode = startLinkFailures[index];
    if (!plan.user || !errorCode) return;
    attempt(plan.conversation, plan.user.email, plan.conversation.firstMessageAt.getTime() + 5 * MINUTE_MS, {
      source: "deep_link",
      outcome: "failed",
      errorCode,
      durationMs: 0,
    });
  });

  attempts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  return { plans, users, links, attempts };
}
