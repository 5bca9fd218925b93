import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { messengerOfClientType } from "@/lib/salebot/client-types";
import { webhookJsonOf } from "@/lib/simulators/salebot/webhooks";
import { normalisePhone } from "@/lib/matching/phone";
import { DEMO_CAMPAIGNS, DEMO_HISTORY_SETTING } from "./constants";
import type { DemoScenario } from "./scenario-types";

/**
 * The demo's past, written straight into the tables: Salebot's webhook carries no time, so weeks
 * of history cannot come in through the endpoint. One transaction, done once per database (the
 * `demo.seeded` setting), and never over data that is already there.
 */

export type DemoHistoryMark = { seed: string; anchor: string; seededAt: string; skipped?: string };

export type DemoHistoryResult = { mark: DemoHistoryMark; created: boolean };

/** Serialises two hubs starting on one database at the same moment. */
const LOCK_KEY = 4_242_001;

function clientRows(scenario: DemoScenario): Prisma.SalebotClientCreateManyInput[] {
  return scenario.conversations.conversations.map(({ client, startParameter, firstMessageAt }) => {
    const messages = client.history;
    const last = messages.at(-1)?.createdAt ?? firstMessageAt;
    const variables = { ...client.clientVariables, ...client.dealVariables };
    const text = (name: string) => (typeof variables[name] === "string" ? (variables[name] as string) : null);
    return {
      projectId: scenario.projectId,
      clientId: String(client.id),
      platformId: client.platformId,
      messenger: messengerOfClientType(client.clientType),
      bot: client.group,
      name: client.name,
      startParam: startParameter,
      utmSource: text("utm_source"),
      utmMedium: text("utm_medium"),
      utmCampaign: text("utm_campaign"),
      variables: variables as Prisma.InputJsonObject,
      variablesFetchedAt: firstMessageAt,
      firstMessageAt,
      lastMessageAt: last,
      messagesIn: messages.filter((item) => item.clientReplica).length,
      messagesOut: messages.filter((item) => !item.clientReplica).length,
      // History counts as already written back, so the activity job only sees what happens live.
      gcActivitySyncedAt: last,
      createdAt: firstMessageAt,
    };
  });
}

function messageRows(scenario: DemoScenario): Prisma.SalebotMessageCreateManyInput[] {
  return scenario.conversations.conversations.flatMap(({ client }) =>
    client.history.map((item) => ({
      projectId: scenario.projectId,
      messageId: String(item.id),
      clientId: String(client.id),
      direction: item.clientReplica ? ("in" as const) : ("out" as const),
      text: item.text,
      receivedAt: item.createdAt,
      payload: webhookJsonOf(client, item, Number(scenario.projectId)) as unknown as Prisma.InputJsonObject,
    })),
  );
}

function orderRows(scenario: DemoScenario): {
  orders: Prisma.GcOrderCreateManyInput[];
  events: Prisma.GcOrderEventCreateManyInput[];
} {
  const orders = scenario.orders.map((order) => ({
    dealId: String(order.dealId),
    dealNumber: order.dealNumber,
    gcUserId: String(order.user.id),
    email: order.user.email,
    status: order.status,
    paid: order.paid,
    costAmount: order.cost.toFixed(2),
    paidAmount: order.paidAmount?.toFixed(2) ?? null,
    currency: order.currency,
    offer: order.offer,
    utmSource: order.utm.utm_source ?? null,
    utmMedium: order.utm.utm_medium ?? null,
    orderedAt: order.orderedAt,
    paidAt: order.paidAt,
    statusAt: order.events.at(-1)?.occurredAt ?? order.orderedAt,
  }));
  const events = scenario.orders.flatMap((order) =>
    order.events.map((event) => ({
      dedupeKey: event.dedupeKey,
      dealId: String(order.dealId),
      kind: event.kind,
      status: event.status,
      paid: event.paid,
      paidAmount: event.paidAmount?.toFixed(2) ?? null,
      occurredAt: event.occurredAt,
      receivedAt: event.occurredAt,
      // As a «Вызвать URL» with the buyer's e-mail and phone sends it: the matcher learns phones here.
      payload: {
        source: "demo",
        deal_id: String(order.dealId),
        status: event.status,
        email: order.user.email,
        ...(order.user.phone ? { phone: order.user.phone } : {}),
      },
    })),
  );
  return { orders, events };
}

function contactRows(scenario: DemoScenario): Prisma.GcUserContactCreateManyInput[] {
  return scenario.users.map((user) => ({
    gcUserId: String(user.id),
    email: user.email,
    phone: normalisePhone(user.phone),
  }));
}

/** The demo's campaigns, made before the history starts, and the clients each brought (first touch, by start code). */
async function writeCampaigns(tx: Prisma.TransactionClient, scenario: DemoScenario): Promise<void> {
  const conversations = scenario.conversations.conversations;
  const start = Math.min(...conversations.map((c) => c.firstMessageAt.getTime()));
  for (const [index, campaign] of DEMO_CAMPAIGNS.entries()) {
    const { id } = await tx.campaign.create({
      data: {
        ...campaign,
        kind: "telegram_start",
        utmMedium: "messenger",
        createdByEmail: "marketer@demo.local",
        createdAt: new Date(start - (DEMO_CAMPAIGNS.length - index) * 60 * 60 * 1000),
      },
      select: { id: true },
    });
    await tx.campaignClient.createMany({
      data: conversations
        .filter((c) => c.startParameter === campaign.startCode)
        .map((c) => ({
          projectId: scenario.projectId,
          clientId: String(c.client.id),
          campaignId: id,
          via: "start_param",
          attributedAt: c.firstMessageAt,
        })),
    });
  }
}

export async function readDemoHistoryMark(db: PrismaClient): Promise<DemoHistoryMark | null> {
  const row = await db.setting.findUnique({ where: { key: DEMO_HISTORY_SETTING } });
  return row ? (row.value as DemoHistoryMark) : null;
}

/**
 * Writes the scenario's history unless this database has it (or has real data). `scenarioFor`
 * is only called when writing: a restart must rebuild from the stored seed and anchor instead.
 */
export async function ensureDemoHistory(
  db: PrismaClient,
  proposal: { seed: string; anchor: Date },
  scenarioFor: (mark: { seed: string; anchor: Date }) => DemoScenario,
): Promise<DemoHistoryResult> {
  const existing = await readDemoHistoryMark(db);
  if (existing) return { mark: existing, created: false };
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_KEY}::bigint)`;
      const again = await tx.setting.findUnique({ where: { key: DEMO_HISTORY_SETTING } });
      if (again) return { mark: again.value as DemoHistoryMark, created: false };
      const mark: DemoHistoryMark = {
        seed: proposal.seed,
        anchor: proposal.anchor.toISOString(),
        seededAt: new Date().toISOString(),
      };
      const hasData = (await tx.salebotClient.count()) + (await tx.link.count()) + (await tx.gcOrder.count()) > 0;
      // A database someone already uses is never filled with made-up customers. Not remembered:
      // the check is cheap, and an emptied database gets its demo on the next start.
      if (hasData) return { mark: { ...mark, skipped: "the database already had data" }, created: false };
      const scenario = scenarioFor(proposal);
      const { orders, events } = orderRows(scenario);
      await tx.salebotClient.createMany({ data: clientRows(scenario) });
      await tx.salebotMessage.createMany({ data: messageRows(scenario) });
      await tx.link.createMany({
        data: scenario.links.map((link) => ({
          projectId: scenario.projectId,
          ...link,
          updatedAt: link.linkedAt,
          // A pressed personal start link proves the chat belongs to the user the link was made for.
          ...(link.source === "deep_link" ? { proof: "start_link" as const, provenAt: link.linkedAt } : {}),
        })),
      });
      await tx.linkAttempt.createMany({
        data: scenario.attempts.map(({ errorCode, ...attempt }) => ({
          ...attempt,
          projectId: scenario.projectId,
          errorCode,
          input: { email: attempt.email, telegram_id: attempt.telegramId, sb_id: attempt.sbClientId },
        })),
      });
      await tx.gcOrder.createMany({ data: orders });
      await tx.gcOrderEvent.createMany({ data: events });
      // The directory a past import of GetCourse users would have left (users without orders too).
      await tx.gcUserContact.createMany({ data: contactRows(scenario), skipDuplicates: true });
      await tx.delivery.createMany({
        data: scenario.deliveries.map((delivery) => ({
          ...delivery,
          projectId: scenario.projectId,
          payload: delivery.payload as Prisma.InputJsonObject,
        })),
      });
      await writeCampaigns(tx, scenario);
      await tx.setting.create({ data: { key: DEMO_HISTORY_SETTING, value: mark, updatedBy: "demo" } });
      return { mark, created: true };
    },
    { timeout: 60_000, maxWait: 30_000 },
  );
}
