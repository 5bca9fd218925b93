import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createSalebotClient } from "@/lib/salebot/client";
import { messengerOfClientType } from "@/lib/salebot/client-types";
import { DEFAULT_SIM_BOTS, generateConversations } from "./conversations";
import { type SalebotSimulator, startSalebotSimulator } from "./simulator";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";
import { salebotWebhookPayload, startParameterOf } from "@/lib/salebot/webhook-payload";

const from = new Date("2025-01-06T00:00:00Z");
const to = new Date("2025-03-03T00:00:00Z");
const options = { seed: 42, clients: 60, from, to, projectId: 77 };

describe("generateConversations", () => {
  test("is deterministic for a seed and differs across seeds", () => {
    expect(generateConversations(options)).toEqual(generateConversations(options));
    const other = generateConversations({ ...options, seed: 43 });
    expect(other.messages.map((m) => m.payload.message)).not.toEqual(
      generateConversations(options).messages.map((m) => m.payload.message),
    );
  });

  test("a client's surname agrees with the first name in language and gender", () => {
    const names = generateConversations({ ...options, clients: 400 }).conversations.map((c) => c.client.name ?? "");
    const women = new Set(["Анна", "Мария", "Елена", "Ольга", "Наталья"]);
    for (const name of names) {
      const [first = "", surname = ""] = name.split(" ");
      if (/^[A-Za-z]+$/.test(first)) expect(surname, name).toMatch(/^[A-Za-z]+$/);
      else if (women.has(first)) expect(surname, name).toMatch(/^[А-Яа-яё]+а$/);
      else expect(surname, name).toMatch(/^[А-Яа-яё]+[вн]$/);
    }
    expect(names).toContain("Мария Соколова");
  });

  test("spreads first messages over weeks, across bots and messengers, with start parameters and UTM", () => {
    const generated = generateConversations(options);
    expect(generated.conversations).toHaveLength(60);
    const weeks = new Set(
      generated.conversations.map((c) => Math.floor((c.firstMessageAt.getTime() - from.getTime()) / (7 * 86_400_000))),
    );
    expect(weeks.size).toBeGreaterThanOrEqual(5);
    for (const conversation of generated.conversations) {
      expect(conversation.firstMessageAt.getTime()).toBeGreaterThanOrEqual(from.getTime());
      expect(conversation.firstMessageAt.getTime()).toBeLessThan(to.getTime());
    }
    expect(new Set(generated.conversations.map((c) => c.client.group)).size).toBe(DEFAULT_SIM_BOTS.length);
    expect(new Set(generated.conversations.map((c) => messengerOfClientType(c.client.clientType)))).toEqual(
      new Set(["telegram", "vk", "whatsapp"]),
    );
    const sources = new Set(generated.conversations.map((c) => c.startParameterSource));
    expect(sources).toEqual(new Set(["tag", "start_message", "none"]));
    const withUtm = generated.conversations.filter((c) => c.utmSource !== null);
    expect(withUtm.length).toBeGreaterThan(10);
    for (const c of withUtm) expect(c.client.dealVariables["utm_source"]).toBe(c.utmSource);
  });

  test("every webhook parses, messages are time-ordered, and the start parameter is recoverable from them", () => {
    const generated = generateConversations(options);
    const times = generated.messages.map((m) => m.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const firstByClient = new Map<number, { tag: string | null; text: string | null }>();
    for (const { payload } of generated.messages) {
      const parsed = salebotWebhookPayload.parse(payload);
      const clientId = parsed.client?.id ?? -1;
      if (!firstByClient.has(clientId))
        firstByClient.set(clientId, { tag: parsed.client?.tag ?? null, text: parsed.message });
    }
    expect(new Set(generated.messages.map((m) => m.payload.is_input))).toEqual(new Set([0, 1]));
    for (const conversation of generated.conversations) {
      const first = firstByClient.get(conversation.client.id);
      expect(first, `client ${conversation.client.id}`).toBeDefined();
      expect(startParameterOf(first?.tag, first?.text)).toBe(conversation.startParameter);
    }
  });
});

describe("driving the hub", () => {
  let sim: SalebotSimulator;
  let receiver: WebhookReceiver;

  beforeEach(async () => {
    sim = await startSalebotSimulator({ projectId: 77 });
    receiver = await startWebhookReceiver();
  });

  afterEach(async () => {
    await sim.close();
    await receiver.close();
  });

  test("postWebhooks delivers every message, each client's in order", async () => {
    const generated = generateConversations({ ...options, clients: 25 });
    const result = await sim.postWebhooks(receiver.url, generated.messages, { concurrency: 6 });
    expect(result).toMatchObject({ sent: generated.messages.length, failed: 0 });
    expect(receiver.received).toHaveLength(generated.messages.length);
    expect(receiver.received[0]?.path).toBe("/api/webhooks/salebot?token=test");

    const receivedIds = new Map<number, number[]>();
    for (const { body } of receiver.received) {
      const parsed = salebotWebhookPayload.parse(body);
      const clientId = parsed.client?.id ?? -1;
      receivedIds.set(clientId, [...(receivedIds.get(clientId) ?? []), parsed.id ?? -1]);
    }
    for (const conversation of generated.conversations) {
      expect(receivedIds.get(conversation.client.id)).toEqual(conversation.client.history.map((item) => item.id));
    }
  });

  test("seeded conversations answer API calls with the same ids and UTM variables", async () => {
    const generated = generateConversations({ ...options, clients: 10 });
    sim.seedConversations(generated);
    const salebot = createSalebotClient({ apiUrl: sim.apiUrl, apiKey: sim.apiKey, projectId: 77, timeoutMs: 1000 });
    const withUtm = generated.conversations.find((c) => c.utmSource !== null);
    if (!withUtm) throw new Error("seed 42 should give a client with UTM");
    expect((await salebot.getVariables(withUtm.client.id))["utm_source"]).toBe(withUtm.utmSource);
    const history = await salebot.getHistory({ clientId: withUtm.client.id });
    expect(history.map((item) => item.id)).toEqual(withUtm.client.history.map((item) => item.id));
    const telegram = generated.conversations.find((c) => c.client.clientType === 1);
    if (telegram) {
      expect((await salebot.findClientByTelegramId(telegram.client.platformId, telegram.client.group))?.id).toBe(
        telegram.client.id,
      );
    }
  });
});
