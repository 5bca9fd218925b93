import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isOutboundError, type OutboundError, type OutboundErrorKind } from "@/lib/outbound/errors";
import { startSimulatorServer } from "@/lib/simulators/shared/http-server";
import { createSalebotClient, type SalebotClientConfig } from "./client";
import {
  type SalebotSimulator,
  SALEBOT_NO_API_PLAN_ANSWERS,
  SALEBOT_REJECTIONS,
  startSalebotSimulator,
} from "@/lib/simulators/salebot/simulator";

const API_KEY = "sb-live-key-7f3a9c1e55d0";
const BOT = "school_main_bot";

let sim: SalebotSimulator;
let logLines: string[];

beforeEach(async () => {
  sim = await startSalebotSimulator({ apiKeys: [API_KEY], projectId: 4242 });
  logLines = [];
});

afterEach(async () => {
  await sim.close();
});

function clientFor(overrides: Partial<SalebotClientConfig> = {}) {
  return createSalebotClient({
    apiUrl: sim.apiUrl,
    apiKey: API_KEY,
    projectId: 4242,
    botUsername: BOT,
    timeoutMs: 300,
    retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
    log: (line) => logLines.push(line),
    ...overrides,
  });
}

async function failureOf(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (error) {
    if (isOutboundError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function expectNoSecret(error: OutboundError): void {
  const everything = [error.message, String(error.stack), String(error.cause), ...logLines].join("\n");
  expect(everything).not.toContain(API_KEY);
}

function seedTelegramClient(platformId = "407184121") {
  return sim.state.addClient({
    platformId,
    clientType: 1,
    group: BOT,
    name: "Анна",
    variables: { tg_username: "@anna" },
  });
}

describe("happy paths", () => {
  test("callback posts client_id + message, extra keys become variables", async () => {
    const client = seedTelegramClient();
    await clientFor().callback({
      clientId: client.id,
      message: "gc_order_paid",
      variables: { gc_order_number: "A-17", gc_order_amount: 4900 },
      resumeBot: true,
    });
    const last = sim.state.client(client.id)?.history.at(-1);
    expect(last).toMatchObject({ text: "gc_order_paid", messageFromOutside: 3, clientReplica: true });
    expect(sim.state.client(client.id)?.dealVariables).toMatchObject({
      gc_order_number: "A-17",
      gc_order_amount: 4900,
    });
    expect(sim.calls.at(-1)?.path).toBe(`/api/${API_KEY}/callback`);
    expect(JSON.parse(sim.calls.at(-1)?.rawBody ?? "{}")).toMatchObject({
      client_id: String(client.id),
      resume_bot: true,
    });
  });

  test("tg_callback finds the Telegram client by user id and bot username", async () => {
    const client = seedTelegramClient("555000111");
    await clientFor().tgCallback({ telegramId: 555000111, message: "linked" });
    expect(sim.state.client(client.id)?.history.at(-1)?.text).toBe("linked");
    expect(JSON.parse(sim.calls.at(-1)?.rawBody ?? "{}")).toMatchObject({ user_id: "555000111", group_id: BOT });
  });

  test("message appends a bot message; a block id can replace the text", async () => {
    const client = seedTelegramClient();
    const salebot = clientFor();
    await salebot.message({ clientId: client.id, text: "Ваш заказ оплачен" });
    await salebot.message({ clientId: client.id, blockId: 390 });
    const history = sim.state.client(client.id)?.history ?? [];
    expect(history.map((item) => [item.text, item.blockId, item.clientReplica, item.messageFromOutside])).toEqual([
      ["Ваш заказ оплачен", null, false, 1],
      ["", "390", false, 1],
    ]);
  });

  test("save_variables writes deal variables by default and client variables with scope client", async () => {
    const client = seedTelegramClient();
    const salebot = clientFor();
    await salebot.saveVariables({ clientId: client.id, variables: { step: "paid" } });
    await salebot.saveVariables({
      clientId: client.id,
      variables: { email: "a@school.ru", gc_user_id: 991 },
      scope: "client",
    });
    const stored = sim.state.client(client.id);
    expect(stored?.dealVariables).toEqual({ step: "paid" });
    expect(stored?.clientVariables).toMatchObject({ email: "a@school.ru", gc_user_id: 991 });
  });

  test("get_variables returns the merged flat view, and the nested variant reads the same", async () => {
    const client = seedTelegramClient();
    sim.state.projectVariables = { school: "demo", step: "project" };
    sim.state.saveVariables(client.id, { step: "deal", "client.email": "a@school.ru", visits: 3 });
    const salebot = clientFor();
    const flat = await salebot.getVariables(client.id);
    // Live shapes (default): Salebot keeps variables as strings.
    expect(flat).toMatchObject({
      school: "demo",
      step: "deal",
      email: "a@school.ru",
      tg_username: "@anna",
      client_id: String(client.id),
      visits: "3",
    });
    expect(flat).not.toHaveProperty("status");
    sim.config.getVariablesShape = "nested";
    expect(await salebot.getVariables(client.id)).toEqual(flat);
  });

  test("published-doc shapes: variables as saved, writes answered with an empty 200", async () => {
    await sim.close();
    sim = await startSalebotSimulator({ apiKeys: [API_KEY], projectId: 4242, shapes: "published" });
    expect(sim.config).toMatchObject({
      shapes: "published",
      acknowledgement: "empty",
      webhookAttachmentsAsRepr: false,
      variableValuesAsStrings: false,
    });
    const client = seedTelegramClient();
    sim.state.saveVariables(client.id, { visits: 3 });
    const salebot = clientFor();
    expect(await salebot.getVariables(client.id)).toMatchObject({ client_id: client.id, visits: 3 });
    await expect(salebot.callback({ clientId: client.id, message: "x" })).resolves.toBeUndefined();
    await expect(salebot.saveVariables({ clientId: client.id, variables: { a: "1" } })).resolves.toBeUndefined();
  });

  test("find_client_id_by_var finds by client variable, deal variable and bot", async () => {
    const client = seedTelegramClient();
    sim.state.saveVariables(client.id, { "client.email": "a@school.ru", utm_source: "vk" });
    const salebot = clientFor();
    expect(await salebot.findClientIdByVar({ name: "email", value: "a@school.ru" })).toBe(client.id);
    expect(await salebot.findClientIdByVar({ name: "email", value: "a@school.ru", groupId: BOT })).toBe(client.id);
    expect(await salebot.findClientIdByVar({ name: "utm_source", value: "vk", searchInDeals: true })).toBe(client.id);
  });

  test.each(["fail_message", "http_404", "null_client_id"] as const)(
    "find_client_id_by_var not found (%s) → null",
    async (mode) => {
      sim.config.findByVarNotFound = mode;
      expect(await clientFor().findClientIdByVar({ name: "email", value: "nobody@x.ru" })).toBeNull();
      expect(sim.calls).toHaveLength(1);
    },
  );

  test("find by platform id returns the records; unknown ids give [] and null", async () => {
    const client = seedTelegramClient("777");
    sim.state.addClient({ platformId: "777", clientType: 1, group: "other_bot" });
    const salebot = clientFor();
    const found = await salebot.findClientsByPlatformId(["777"]);
    expect(found.map((record) => record.id)).toEqual([client.id]);
    expect(found[0]).toMatchObject({ platformId: "777", group: BOT, variables: { tg_username: "@anna" } });
    expect((await salebot.findClientByTelegramId(777))?.id).toBe(client.id);
    expect(await salebot.findClientsByPlatformId(["000"])).toEqual([]);
    expect(await salebot.findClientByTelegramId("000")).toBeNull();
  });

  test("get_clients pages with offset/limit, newest first, capped at 500", async () => {
    const ids = Array.from(
      { length: 5 },
      (_, i) => sim.state.addClient({ platformId: `${100 + i}`, name: `c${i}` }).id,
    );
    const salebot = clientFor();
    const first = await salebot.getClients({ limit: 2 });
    expect(first.map((c) => c.id)).toEqual([ids[4], ids[3]]);
    expect(first[0]).toMatchObject({ platformId: "104", clientType: 1, name: "c4" });
    expect(first[0]?.createdAt).toBeInstanceOf(Date);
    const oldest = await salebot.getClients({ limit: 2, oldestFirst: true });
    expect(oldest.map((c) => c.id)).toEqual([ids[0], ids[1]]);
    await salebot.getClients({ limit: 10_000 });
    expect(sim.calls.at(-1)?.query.get("limit")).toBe("500");

    const pages: number[][] = [];
    for await (const page of salebot.listAllClients({ limit: 2 })) pages.push(page.map((c) => c.id));
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([...ids].sort());
  });

  test("get_history returns items oldest first and filters by dates", async () => {
    const client = seedTelegramClient();
    sim.state.addHistory(client.id, { text: "/start ads", fromClient: true, at: new Date("2025-03-01T10:00:00Z") });
    sim.state.addHistory(client.id, {
      text: "Привет!",
      fromClient: false,
      blockId: "12",
      at: new Date("2025-03-01T10:00:05Z"),
    });
    sim.state.addHistory(client.id, { text: "later", fromClient: true, at: new Date("2025-03-09T10:00:00Z") });
    const salebot = clientFor();
    const all = await salebot.getHistory({ clientId: client.id });
    expect(all.map((item) => [item.text, item.fromClient])).toEqual([
      ["/start ads", true],
      ["Привет!", false],
      ["later", true],
    ]);
    expect(all[1]).toMatchObject({ blockId: "12", messageFromOutside: 1, createdAt: new Date("2025-03-01T10:00:05Z") });
    const march1 = await salebot.getHistory({
      clientId: client.id,
      between: { start: new Date("2025-03-01T00:00:00Z"), stop: new Date("2025-03-01T00:00:00Z") },
    });
    expect(march1).toHaveLength(2);
    expect(sim.calls.at(-1)?.query.get("start_date")).toBe("01.03.2025");
    expect((await salebot.getHistory({ clientId: client.id, limit: 1 })).map((item) => item.text)).toEqual(["later"]);
  });

  test("dialog URL: Salebot's web UI, or the stand-in's own pages when the API is a simulator", () => {
    expect(clientFor().dialogUrl(15099119)).toBe(`${sim.url}/projects/4242/clients/15099119`);
    expect(createSalebotClient({ apiKey: API_KEY, projectId: 4242 }).dialogUrl(15099119)).toBe(
      "https://salebot.pro/projects/4242/clients/15099119",
    );
  });

  test.each(["empty", "ok_text", "json_success"] as const)(
    "acknowledgement-only calls accept a %s answer («200 OK»)",
    async (shape) => {
      const client = seedTelegramClient();
      sim.config.acknowledgement = shape;
      await expect(clientFor().callback({ clientId: client.id, message: "x" })).resolves.toBeUndefined();
    },
  );
});

describe("failures", () => {
  test("a client that does not exist is not_found, without retries", async () => {
    const error = await failureOf(clientFor().callback({ clientId: 99, message: "x" }));
    expect(error.kind).toBe("not_found");
    expect(error.retryable).toBe(false);
    expect(sim.calls).toHaveLength(1);
    expect((await failureOf(clientFor().tgCallback({ telegramId: 1, message: "x" }))).kind).toBe("not_found");
    expect((await failureOf(clientFor().getHistory({ clientId: 99 }))).kind).toBe("not_found");
  });

  test.each([
    ["http401Json", SALEBOT_REJECTIONS.http401Json, "auth_failed"],
    ["http403Json", SALEBOT_REJECTIONS.http403Json, "auth_failed"],
    ["http200Fail", SALEBOT_REJECTIONS.http200Fail, "auth_failed"],
    ["http404Html", SALEBOT_REJECTIONS.http404Html, "not_found"],
  ] as const)(
    "bad key rejected as %s: typed, not retried, key not leaked",
    async (_name, answer, kind: OutboundErrorKind) => {
      sim.config.unknownKeyAnswer = answer;
      const wrongKey = "sb-wrong-key-00000000";
      const error = await failureOf(clientFor({ apiKey: wrongKey }).getVariables(1));
      expect(error.kind).toBe(kind);
      expect(sim.calls).toHaveLength(1);
      expect(error.message).not.toContain(wrongKey);
    },
  );

  test("a key echoed back by the service is masked in the error", async () => {
    const wrongKey = "sb-wrong-key-00000000";
    sim.config.unknownKeyAnswer = {
      status: 403,
      body: { status: "fail", message: `api key ${wrongKey} is not valid` },
    };
    const error = await failureOf(clientFor({ apiKey: wrongKey }).callback({ clientId: 1, message: "x" }));
    expect(error.kind).toBe("auth_failed");
    expect(error.message).toContain("api key *** is not valid");
  });

  test.each(Object.entries(SALEBOT_NO_API_PLAN_ANSWERS))(
    "plan without API (%s) → plan_has_no_api",
    async (_name, answer) => {
      sim.config.planHasApi = false;
      sim.config.noApiPlanAnswer = answer;
      const error = await failureOf(clientFor().callback({ clientId: 1, message: "x" }));
      expect(error.kind).toBe("plan_has_no_api");
      expect(sim.calls).toHaveLength(1);
      expectNoSecret(error);
    },
  );

  test.each(["http_500", "http_502", "http_503", "http_429"] as const)(
    "retries %s with backoff, then succeeds",
    async (kind) => {
      const client = seedTelegramClient();
      sim.faults.add({ kind, count: 2 });
      await clientFor().callback({ clientId: client.id, message: "after retries" });
      expect(sim.calls).toHaveLength(3);
      expect(sim.state.client(client.id)?.history).toHaveLength(1);
      expect(logLines).toHaveLength(2);
      expect(logLines.join("\n")).not.toContain(API_KEY);
    },
  );

  test("gives up after the configured attempts with a retryable error", async () => {
    sim.faults.add({ kind: "http_503" });
    const error = await failureOf(clientFor().getClients());
    expect(error.kind).toBe("unavailable");
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(503);
    expect(sim.calls).toHaveLength(3);
    expectNoSecret(error);
  });

  test("faults can target one action by path", async () => {
    const client = seedTelegramClient();
    sim.faults.add({ kind: "http_500", pathPrefix: sim.actionPath("get_variables") });
    await clientFor().callback({ clientId: client.id, message: "fine" });
    expect((await failureOf(clientFor().getVariables(client.id))).kind).toBe("unavailable");
  });

  test("a slow answer is a timeout", async () => {
    sim.faults.add({ kind: "latency", delayMs: 400 });
    const error = await failureOf(
      clientFor({ timeoutMs: 80, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }).getVariables(1),
    );
    expect(error.kind).toBe("timeout");
    expect(sim.calls).toHaveLength(2);
    expectNoSecret(error);
  });

  test("a dropped connection is retried", async () => {
    const client = seedTelegramClient();
    sim.faults.add({ kind: "timeout", delayMs: 10, count: 1 });
    await expect(clientFor().getVariables(client.id)).resolves.toMatchObject({ client_id: String(client.id) });
    expect(sim.calls).toHaveLength(2);
  });

  test("malformed JSON → malformed_answer for a read, not retried; a write that got 2xx succeeded (issue 12)", async () => {
    const client = seedTelegramClient();
    sim.faults.add({ kind: "malformed" });
    sim.faults.add({ kind: "malformed" });
    const salebot = clientFor();
    expect((await failureOf(salebot.getVariables(client.id))).kind).toBe("malformed_answer");
    await expect(salebot.callback({ clientId: client.id, message: "x" })).resolves.toBeUndefined();
    expect(sim.calls).toHaveLength(2);
  });

  test("an unreadable answer reaches onMalformedAnswer with the action and the body, the key among the secrets", async () => {
    sim.faults.add({ kind: "malformed" });
    const reports: Array<{ call: string; body: unknown; secrets: readonly string[] }> = [];
    const salebot = clientFor({ onMalformedAnswer: (report) => reports.push(report) });
    expect((await failureOf(salebot.getVariables(1))).kind).toBe("malformed_answer");
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ call: "get_variables", body: '{"success": tru' });
    expect(reports[0]?.secrets.length).toBeGreaterThan(0);
  });

  test("an empty body where data is expected → malformed_answer", async () => {
    sim.faults.add({ kind: "empty" });
    const salebot = clientFor();
    for (const call of [
      salebot.getClients(),
      salebot.getHistory({ clientId: 1 }),
      salebot.getVariables(1),
      salebot.findClientsByPlatformId([1]),
    ]) {
      const error = await failureOf(call);
      expect(error.kind).toBe("malformed_answer");
      expectNoSecret(error);
    }
  });

  test("an answer of the wrong shape → malformed_answer naming the field", async () => {
    const odd = await startSimulatorServer(() => ({
      status: 200,
      body: { status: "success", clients: [{ id: "not-a-number" }] },
    }));
    try {
      const error = await failureOf(clientFor({ apiUrl: odd.url }).getClients());
      expect(error.kind).toBe("malformed_answer");
      expect(error.message).toContain("clients.0.id");
      expectNoSecret(error);
    } finally {
      await odd.close();
    }
  });

  test("an unreachable service is unavailable, key not in the message", async () => {
    const gone = await startSimulatorServer(() => ({ status: 200, body: {} }));
    await gone.close();
    const error = await failureOf(
      clientFor({ apiUrl: gone.url, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } }).getClients(),
    );
    expect(error.kind).toBe("unavailable");
    expectNoSecret(error);
  });

  test("a service-side refusal (bad parameters) is rejected, not retried", async () => {
    const error = await failureOf(
      clientFor().getHistory({
        clientId: seedTelegramClient().id,
        between: { start: new Date(Number.NaN), stop: new Date(Number.NaN) },
      }),
    );
    expect(error.kind).toBe("rejected");
    expect(sim.calls).toHaveLength(1);
  });
});
