import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { PasteTokens } from "@/lib/settings/call-urls";
import { DEMO_LIVE_SETTING } from "./constants";
import type { DemoScenario } from "./scenario-types";
import { type DemoSimulators, hubWebhookUrls } from "./simulators";

/**
 * The live part of the demo, through the hub's real endpoints: the Salebot simulator posts a few
 * dialogs to the webhook, a bot block calls /api/link, GetCourse creates and pays orders and calls
 * the hub back (which forwards them to Salebot). Played once per database: the claim is a settings
 * row taken before anything is sent, so a crash half-way never plays it twice.
 */

export type DemoLiveResult = {
  webhooks: { sent: number; failed: number };
  links: { sbClientId: string; expected: string; got: string }[];
  deals: { dealId: number; status: string }[];
  gcCallbacks: { delivered: number; failed: number };
  /** Start links asked for and pressed; the start-links job links them moments later. */
  startLinks: { sbClientId: string; code: string | null; error?: string }[];
};

type LinkAnswer = { success?: boolean; error?: string };

export async function isDemoLiveDone(db: PrismaClient): Promise<boolean> {
  return (await db.setting.count({ where: { key: DEMO_LIVE_SETTING } })) > 0;
}

async function postLink(hubUrl: string, token: string, link: DemoScenario["live"]["links"][number]): Promise<string> {
  try {
    const response = await fetch(`${hubUrl.replace(/\/+$/, "")}/api/link`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ email: link.email, telegram_id: link.telegramId ?? "", sb_id: link.sbClientId }),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json()) as LinkAnswer;
    return answer.success ? "success" : (answer.error ?? `http_${response.status}`);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Asks the hub for the user's personal link, then has the Salebot simulator press it. */
async function pressStartLink(
  hubUrl: string,
  token: string,
  sims: DemoSimulators,
  salebotWebhookUrl: string,
  planned: DemoScenario["live"]["startLinks"][number],
): Promise<DemoLiveResult["startLinks"][number]> {
  try {
    const query = new URLSearchParams({ email: planned.email, gc_user_id: planned.gcUserId });
    const response = await fetch(`${hubUrl.replace(/\/+$/, "")}/api/link/start-link?${query.toString()}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await response.json()) as { code?: string; error?: string };
    if (!answer.code)
      return { sbClientId: planned.sbClientId, code: null, error: answer.error ?? `http_${response.status}` };
    const webhook = sims.sb.pressStartLink(Number(planned.sbClientId), answer.code);
    // The simulator posts by itself when its webhook URL is set; otherwise the demo carries it.
    if (!sims.sb.config.webhookUrl) await sims.sb.postWebhooks(salebotWebhookUrl, [webhook]);
    await sims.sb.flushWebhooks();
    return { sbClientId: planned.sbClientId, code: answer.code };
  } catch (error) {
    return {
      sbClientId: planned.sbClientId,
      code: null,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

export async function playDemoLive(
  db: PrismaClient,
  context: { scenario: DemoScenario; sims: DemoSimulators; hubUrl: string; tokens: PasteTokens },
): Promise<DemoLiveResult | null> {
  const startedAt = new Date().toISOString();
  const claimed = await db.setting.createMany({
    data: [{ key: DEMO_LIVE_SETTING, value: { startedAt }, updatedBy: "demo" }],
    skipDuplicates: true,
  });
  if (claimed.count === 0) return null;
  const { scenario, sims, hubUrl, tokens } = context;
  const before = sims.gc.deliveries.length;

  const posted = await sims.sb.postWebhooks(
    hubWebhookUrls(hubUrl, tokens).salebot,
    scenario.live.conversations.messages,
    { concurrency: 2 },
  );
  const links = [];
  for (const link of scenario.live.links) {
    links.push({
      sbClientId: link.sbClientId,
      expected: link.expected,
      got: await postLink(hubUrl, tokens.link, link),
    });
  }
  const deals = [];
  for (const planned of scenario.live.deals) {
    const deal = sims.gc.state.addDeal({
      user: planned.email,
      cost: planned.cost,
      currency: planned.currency,
      productTitle: planned.offer,
      utm: planned.utm,
    });
    await sims.gc.flushDeliveries();
    if (planned.pay) sims.gc.state.payDeal(deal.id);
    await sims.gc.flushDeliveries();
    deals.push({ dealId: deal.id, status: deal.status });
  }
  const startLinks = [];
  for (const planned of scenario.live.startLinks ?? []) {
    startLinks.push(await pressStartLink(hubUrl, tokens.link, sims, hubWebhookUrls(hubUrl, tokens).salebot, planned));
  }
  const callbacks = sims.gc.deliveries.slice(before);
  const delivered = callbacks.filter((call) => call.status !== undefined && call.status < 300).length;
  const result: DemoLiveResult = {
    webhooks: { sent: posted.sent, failed: posted.failed },
    links,
    deals,
    gcCallbacks: { delivered, failed: callbacks.length - delivered },
    startLinks,
  };
  await db.setting.update({
    where: { key: DEMO_LIVE_SETTING },
    data: { value: { startedAt, finishedAt: new Date().toISOString(), ...result } },
  });
  return result;
}
