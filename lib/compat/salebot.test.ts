import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parseSalebotWebhook } from "@/lib/events/salebot-message";
import { isOutboundError } from "@/lib/outbound/errors";
import { createSalebotClient, type SalebotClient } from "@/lib/salebot/client";
import { salebotWebhookPayload } from "@/lib/salebot/webhook-payload";
import { type RunningSimulator, type SimResponse, startSimulatorServer } from "@/lib/simulators/shared/http-server";
import { type SalebotAnswerFixture, salebotAnswerFixtures, salebotWebhookFixtures } from "./salebot-fixtures";

// Every Salebot answer and webhook shape from public sources, read by the hub's own code (issue 12).

let answer: SimResponse = { status: 200, body: "" };
let server: RunningSimulator;
let sb: SalebotClient;

beforeAll(async () => {
  server = await startSimulatorServer(() => answer);
  sb = createSalebotClient({
    apiUrl: server.url,
    apiKey: "compat-key-0001",
    projectId: 777,
    botUsername: "school_bot",
    retry: { attempts: 1 },
  });
});
afterAll(async () => {
  await server.close();
});

function answerOf(fixture: SalebotAnswerFixture): SimResponse {
  const { status, body, text, contentType } = fixture.http;
  return { status, body: text ?? body ?? "", headers: contentType ? { "content-type": contentType } : undefined };
}

/** The client call for an action, returning what the hub reads from the answer. */
const CALLS: Record<string, () => Promise<unknown>> = {
  callback: () => sb.callback({ clientId: 1, message: "gc_order_paid" }),
  tg_callback: () => sb.tgCallback({ telegramId: 407184121, message: "gc_order_paid" }),
  message: () => sb.message({ clientId: 1, text: "Привет" }),
  save_variables: () => sb.saveVariables({ clientId: 1, variables: { email: "a@example.com" } }),
  get_variables: async () => ({ variables: await sb.getVariables(1) }),
  find_client_id_by_platform_id: async () => ({ clients: await sb.findClientsByPlatformId(["2568652"]) }),
  get_clients: async () => ({ clients: await sb.getClients() }),
  get_history: async () => ({ history: await sb.getHistory({ clientId: 1 }) }),
  find_client_id_by_var: async () => ({
    clientId: await sb.findClientIdByVar({ name: "email", value: "a@example.com" }),
  }),
};

const answerCases = salebotAnswerFixtures().flatMap(({ name, fixture }) =>
  fixture.actions.map((action) => ({ name, action, fixture })),
);

describe("Salebot answers from public sources", () => {
  test("every fixture names its source and every action has a call", () => {
    expect(answerCases.length).toBeGreaterThan(10);
    for (const { action } of answerCases) expect(CALLS[action], action).toBeDefined();
  });

  test.each(answerCases)("$name → $action", async ({ action, fixture }) => {
    answer = answerOf(fixture);
    const call = CALLS[action] as () => Promise<unknown>;
    const expected = fixture.expect;
    if ("failure" in expected) {
      const error = await call().then(
        () => null,
        (failure: unknown) => failure,
      );
      expect(isOutboundError(error) && error.kind).toBe(expected["failure"]);
      return;
    }
    const read = await call();
    if ("outcome" in expected) {
      expect(read).toBeUndefined();
      return;
    }
    expect(read).toMatchObject(expected);
  });
});

describe("Salebot webhooks from public sources", () => {
  test.each(salebotWebhookFixtures())("$name", ({ fixture }) => {
    const raw = JSON.stringify(fixture.body);
    const { attachments, ...expected } = fixture.expect;
    expect(parseSalebotWebhook(raw, "777", new Date())).toMatchObject(expected);
    if (attachments !== undefined) expect(salebotWebhookPayload.parse(fixture.body).attachments).toEqual(attachments);
  });
});
