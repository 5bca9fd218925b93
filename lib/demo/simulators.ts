import { DEFAULT_START_LINK_FIELD } from "@/lib/linking/start-link/code";
import { type GetCourseSimulator, startGetCourseSimulator } from "@/lib/simulators/getcourse/simulator";
import { type SalebotSimulator, startSalebotSimulator } from "@/lib/simulators/salebot/simulator";
import { seedConversations } from "@/lib/simulators/salebot/conversations";
import { DEMO_ACTIVITY_FIELD, DEMO_BOT_USERNAME, DEMO_FIELDS, DEMO_PROJECT_ID } from "./constants";
import { splitName } from "./people";
import type { PasteTokens } from "@/lib/settings/call-urls";
import type { DemoLink, DemoScenario } from "./scenario-types";

/**
 * Both simulators as one stand-in account pair: the GetCourse account has the two link fields
 * (and the activity field), the Salebot project is the demo project. They call the hub the way
 * the real services do once `pointAtHub` has told them where it is.
 */
export type DemoSimulators = { gc: GetCourseSimulator; sb: SalebotSimulator; close(): Promise<void> };

export async function startDemoSimulators(options: { gcPort?: number; sbPort?: number } = {}): Promise<DemoSimulators> {
  const gc = await startGetCourseSimulator({ port: options.gcPort });
  const sb = await startSalebotSimulator({ port: options.sbPort, projectId: Number(DEMO_PROJECT_ID) }).catch(
    async (error: unknown) => {
      await gc.close();
      throw error;
    },
  );
  gc.state.addField({ title: DEMO_FIELDS.telegram });
  gc.state.addField({ title: DEMO_FIELDS.salebot });
  gc.state.addField({ title: DEMO_ACTIVITY_FIELD });
  // Personal start links are written here (lib/linking/start-link/field-write.ts).
  gc.state.addField({ title: DEFAULT_START_LINK_FIELD });
  // The simulators log every request for tests; a demo that runs for days must not keep them all.
  const trimmer = setInterval(() => {
    gc.calls.length = 0;
    sb.calls.length = 0;
  }, 60_000);
  trimmer.unref();
  return {
    gc,
    sb,
    async close() {
      clearInterval(trimmer);
      await Promise.allSettled([gc.close(), sb.close()]);
    },
  };
}

/** The environment that points a hub's clients at these simulators. */
export function simulatorEnv(sims: DemoSimulators): Record<string, string> {
  return {
    GETCOURSE_ACCOUNT_URL: sims.gc.url,
    GETCOURSE_API_KEY: sims.gc.apiKey,
    GETCOURSE_TECH_TOKEN: sims.gc.techToken,
    SALEBOT_API_URL: sims.sb.apiUrl,
    SALEBOT_API_KEY: sims.sb.apiKey,
    SALEBOT_PROJECT_ID: DEMO_PROJECT_ID,
    SALEBOT_BOT_USERNAME: DEMO_BOT_USERNAME,
    // The simulators listen on loopback, which the outbound guard refuses unless allowed.
    HUB_ALLOW_PRIVATE_UPSTREAMS: "on",
  };
}

/** Each webhook with the token it takes: its own for GetCourse, the link token for Salebot. */
export function hubWebhookUrls(hubUrl: string, tokens: PasteTokens): { getcourse: string; salebot: string } {
  const base = hubUrl.replace(/\/+$/, "");
  return {
    getcourse: `${base}/api/webhooks/getcourse?token=${encodeURIComponent(tokens.getcourseWebhook)}`,
    salebot: `${base}/api/webhooks/salebot?token=${encodeURIComponent(tokens.link)}`,
  };
}

/**
 * GetCourse sends Tech API deal webhooks for every change and, like the Settings page suggests, a
 * process «Вызвать URL» on payment (the hub counts a payment seen through both doors once);
 * Salebot posts its project webhook.
 */
export function pointAtHub(sims: DemoSimulators, hubUrl: string, tokens: PasteTokens): void {
  const urls = hubWebhookUrls(hubUrl, tokens);
  sims.gc.configureTechWebhook({ url: urls.getcourse });
  sims.gc.configureProcessCallback({
    urlTemplate:
      `${urls.getcourse}&event=paid&deal_id={object.id}&deal_number={object.number}&email={object.user.email}` +
      `&user_id={object.user.id}&status={object.status}&cost={object.cost_money_value}&paid={object.payed_money}&offer={object.positions}&phone={object.user.phone}`,
    on: ["paid"],
  });
  sims.sb.config.webhookUrl = urls.salebot;
}

/** Writes a link's keys where the link flow writes them: GC custom fields and Salebot variables. */
export function applyLink(
  sims: DemoSimulators,
  link: Pick<DemoLink, "email" | "telegramId" | "sbClientId"> & { gcUserId: string | null },
): void {
  const user = sims.gc.state.findUserByEmail(link.email) ?? sims.gc.state.addUser({ email: link.email });
  const salebotField = sims.gc.state.findField(DEMO_FIELDS.salebot);
  const telegramField = sims.gc.state.findField(DEMO_FIELDS.telegram);
  if (salebotField) user.fields[salebotField.id] = link.sbClientId;
  if (telegramField && link.telegramId) user.fields[telegramField.id] = link.telegramId;
  const client =
    sims.sb.state.client(link.sbClientId) ??
    sims.sb.state.addClient({
      id: Number(link.sbClientId),
      platformId: link.telegramId ?? link.sbClientId,
      group: DEMO_BOT_USERNAME,
    });
  sims.sb.state.saveVariables(client.id, {
    "client.email": link.email,
    "client.gc_user_id": link.gcUserId ?? String(user.id),
  });
}

/**
 * Loads the scenario into fresh simulators: Salebot clients with their dialogs, GetCourse users
 * (numbered exactly as the scenario expects) with their orders, and the history's links.
 * `liveDone`: the live part already ran on this database, so its orders exist too.
 */
export function loadScenario(sims: DemoSimulators, scenario: DemoScenario, options: { liveDone: boolean }): void {
  const { gc, sb } = sims;
  seedConversations(sb.state, scenario.conversations);
  seedConversations(sb.state, scenario.live.conversations);
  const empty = { [DEMO_FIELDS.telegram]: "", [DEMO_FIELDS.salebot]: "" };
  for (const user of scenario.users) {
    const added = gc.state.addUser({
      email: user.email,
      phone: user.phone,
      ...splitName(user.name),
      createdAt: user.createdAt,
      utm: user.utm,
      fields: empty,
    });
    if (added.id !== user.id)
      throw new Error(`demo: GetCourse user ${user.email} became ${added.id}, expected ${user.id}`);
  }
  for (const order of scenario.orders) {
    const deal = gc.state.addDeal(
      {
        user: order.user.id,
        number: order.dealNumber,
        cost: order.cost,
        currency: order.currency,
        productTitle: order.offer,
        createdAt: order.orderedAt,
        utm: order.utm,
      },
      { silent: true },
    );
    if (deal.id !== order.dealId)
      throw new Error(`demo: GetCourse deal ${order.dealNumber} became ${deal.id}, expected ${order.dealId}`);
    if (order.paidAmount !== null) gc.state.payDeal(deal.id, order.paidAmount, { silent: true });
    if (order.status !== deal.status) gc.state.setDealStatus(deal.id, order.status, { silent: true });
  }
  if (options.liveDone) {
    for (const planned of scenario.live.deals) {
      const deal = gc.state.addDeal(
        {
          user: planned.email,
          cost: planned.cost,
          currency: planned.currency,
          productTitle: planned.offer,
          utm: planned.utm,
        },
        { silent: true },
      );
      if (planned.pay) gc.state.payDeal(deal.id, undefined, { silent: true });
    }
  }
  for (const link of scenario.links) applyLink(sims, link);
}
