import { generateConversations } from "@/lib/simulators/salebot/simulator";
import {
  DAY_MS,
  DEMO_CLIENTS,
  DEMO_HISTORY_DAYS,
  DEMO_PROJECT_ID,
  GC_FIRST_DEAL_ID,
  GC_FIRST_DEAL_NUMBER,
  GC_FIRST_USER_ID,
  MINUTE_MS,
} from "./constants";
import { emailFor } from "./people";
import { seededRandom } from "@/lib/simulators/shared/seeded-random";
import { buildLinkHistory, telegramIdOf } from "./scenario-links";
import { addChatMatches, phoneForUser } from "./scenario-matches";
import { buildDeliveries, buildOrders, DEMO_OFFERS } from "./scenario-orders";
import type { DemoGcUser, DemoLivePlan, DemoScenario } from "./scenario-types";

export type DemoScenarioOptions = {
  seed: string;
  /** When the demo was first played; history lies in the weeks before it. */
  anchor: Date;
  clients?: number;
  projectId?: string;
};

/**
 * The whole demo as data: same seed and anchor, same scenario, so a restarted hub rebuilds the
 * simulators' accounts to match what the database already holds. Pure: nothing is written here.
 */
export function buildDemoScenario(options: DemoScenarioOptions): DemoScenario {
  const projectId = options.projectId ?? DEMO_PROJECT_ID;
  const { anchor, seed } = options;
  const random = seededRandom(`${seed}:hub`);
  const generated = generateConversations({
    seed: `${seed}:salebot`,
    clients: options.clients ?? DEMO_CLIENTS,
    from: new Date(anchor.getTime() - DEMO_HISTORY_DAYS * DAY_MS),
    to: new Date(anchor.getTime() - DAY_MS / 2),
    projectId: Number(projectId),
  });
  // Chronological, so links, conflicts and orders follow the order in which clients arrived.
  const conversations = {
    ...generated,
    conversations: [...generated.conversations].sort((a, b) => a.firstMessageAt.getTime() - b.firstMessageAt.getTime()),
  };
  const history = buildLinkHistory(conversations.conversations, random, { anchor, firstUserId: GC_FIRST_USER_ID });
  const matches = addChatMatches(history.plans, history.users, history.links, history.attempts);
  const orders = buildOrders(history.plans, random, {
    anchor,
    firstDealId: GC_FIRST_DEAL_ID,
    firstDealNumber: GC_FIRST_DEAL_NUMBER,
  });
  const deliveries = buildDeliveries(orders, history.plans, { anchor, projectId });
  const live = buildLivePlan({
    seed,
    anchor,
    projectId,
    firstUserId: GC_FIRST_USER_ID + history.users.length,
    takenEmail: history.links[0]?.email,
  });
  return {
    seed,
    anchor,
    projectId,
    conversations,
    users: [...history.users, ...live.users.map((user) => ({ ...user, phone: phoneForUser(user.id) }))],
    links: history.links,
    attempts: history.attempts,
    orders,
    deliveries,
    live: live.plan,
    matches,
  };
}

/**
 * A handful of new clients who write to the bot, three of them link (their GetCourse users exist
 * already), one mistypes the address, one uses an address someone else linked; two buy. The sixth
 * presses the personal start link the hub made for their GetCourse user: linked without typing.
 */
function buildLivePlan(options: {
  seed: string;
  anchor: Date;
  projectId: string;
  firstUserId: number;
  takenEmail: string | undefined;
}): {
  plan: DemoLivePlan;
  users: DemoGcUser[];
} {
  const conversations = generateConversations({
    seed: `${options.seed}:live`,
    clients: 6,
    from: new Date(options.anchor.getTime() - 15 * MINUTE_MS),
    to: options.anchor,
    projectId: Number(options.projectId),
    firstClientId: 2_900_001,
    firstMessageId: 8_900_001,
    bots: [{ group: "school_main_bot", clientType: 1 }],
  });
  const [a, b, c, d, e, f] = conversations.conversations;
  if (!a || !b || !c || !d || !e || !f) throw new Error("demo: the live plan needs six conversations");
  const users: DemoGcUser[] = [a, b, c, f].map((conversation, index) => ({
    id: options.firstUserId + index,
    email: emailFor(conversation.client.name, 9_000 + index),
    name: conversation.client.name,
    createdAt: new Date(options.anchor.getTime() - (index + 1) * DAY_MS),
    utm: conversation.utmSource ? { utm_source: conversation.utmSource } : {},
  }));
  const link = (conversation: typeof a, email: string, expected: DemoLivePlan["links"][number]["expected"]) => ({
    email,
    telegramId: telegramIdOf(conversation),
    sbClientId: String(conversation.client.id),
    expected,
  });
  const [first, second, third, fourth] = users as [DemoGcUser, DemoGcUser, DemoGcUser, DemoGcUser];
  const links = [
    link(a, first.email, "success"),
    link(b, second.email, "success"),
    link(c, third.email, "success"),
    link(d, "no.such.customer@example.org", "user_not_found"),
    ...(options.takenEmail ? [link(e, options.takenEmail, "conflict")] : []),
  ];
  const [course, , , webinar, english] = DEMO_OFFERS;
  const deals = [
    {
      email: first.email,
      offer: course.title,
      cost: course.cost,
      currency: course.currency,
      pay: true,
      utm: first.utm,
    },
    {
      email: second.email,
      offer: english.title,
      cost: english.cost,
      currency: english.currency,
      pay: true,
      utm: second.utm,
    },
    {
      email: third.email,
      offer: webinar.title,
      cost: webinar.cost,
      currency: webinar.currency,
      pay: false,
      utm: third.utm,
    },
  ];
  const startLinks = [{ sbClientId: String(f.client.id), email: fourth.email, gcUserId: String(fourth.id) }];
  return { plan: { conversations, links, deals, startLinks }, users };
}
