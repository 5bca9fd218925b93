import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { salebotWebhookPayload } from "@/lib/salebot/webhook-payload";
import { type SalebotSimulator, startSalebotSimulator } from "./simulator";
import { startWebhookReceiver, type WebhookReceiver } from "@/lib/testing/webhook-receiver";

const KEY = "sim-test-key-123456";
let sim: SalebotSimulator;
let receiver: WebhookReceiver;

beforeEach(async () => {
  sim = await startSalebotSimulator({ apiKeys: [KEY], projectId: 77 });
  receiver = await startWebhookReceiver();
});

afterEach(async () => {
  await sim.close();
  await receiver.close();
});

async function call(action: string, init: { query?: string; json?: unknown; form?: string; method?: string } = {}) {
  const url = `${sim.apiUrl}/${KEY}/${action}${init.query ? `?${init.query}` : ""}`;
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (init.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form !== undefined) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = init.form;
  }
  const response = await fetch(url, { method: init.method ?? (body ? "POST" : "GET"), headers, body });
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

describe("parameters arrive as JSON, form or query alike", () => {
  test("callback by JSON, form and query", async () => {
    const client = sim.state.addClient({ platformId: "1" });
    expect(await call("callback", { json: { client_id: client.id, message: "json", a: "1" } })).toEqual({
      status: 200,
      json: { status: "success" },
    });
    await call("callback", { form: `client_id=${client.id}&message=form&b=2` });
    await call("callback", { query: `client_id=${client.id}&message=query&c=3` });
    expect(client.history.map((item) => item.text)).toEqual(["json", "form", "query"]);
    expect(client.dealVariables).toEqual({ a: "1", b: "2", c: "3" });
  });

  test("tg_callback by GET query and by form (as public code calls it)", async () => {
    const client = sim.state.addClient({ platformId: "407184121", group: "my_bot" });
    await call("tg_callback", { query: "group_id=my_bot&user_id=407184121&message=hi&utm_source=vk" });
    await call("tg_callback", { form: "group_id=my_bot&user_id=407184121&message=again" });
    expect(client.history.map((item) => item.text)).toEqual(["hi", "again"]);
    expect(client.dealVariables["utm_source"]).toBe("vk");
  });

  test("value_* remaps and delimiter paths (универсальный webhook)", async () => {
    const client = sim.state.addClient({ platformId: "1" });
    await call("callback", { query: "value_client_id=my_client", json: { my_client: client.id, message: "remapped" } });
    await call("callback", {
      query: "delimiter=1&delimiter_value_client_id=key11key2&value_message=text",
      json: { key1: { key2: client.id }, text: "nested" },
    });
    expect(client.history.map((item) => item.text)).toEqual(["remapped", "nested"]);
    expect(client.dealVariables).not.toHaveProperty("my_client");
  });

  test("save_variables by form with bracket keys and with a JSON string", async () => {
    const client = sim.state.addClient({ platformId: "1" });
    await call("save_variables", { form: `client_id=${client.id}&variables[step]=2&variables[client.email]=a@b.ru` });
    await call("save_variables", { form: `clients=${client.id}&variables=${encodeURIComponent('{"plan":"pro"}')}` });
    expect(client.dealVariables).toEqual({ step: "2", plan: "pro" });
    expect(client.clientVariables).toEqual({ email: "a@b.ru" });
  });

  test("find_client_id_by_platform_id with repeated form keys", async () => {
    const a = sim.state.addClient({ platformId: "11", group: "b1" });
    const b = sim.state.addClient({ platformId: "22", group: "b1" });
    const answer = await call("find_client_id_by_platform_id", { form: "platform_ids=11&platform_ids=22&group_id=b1" });
    expect(answer.json).toMatchObject([{ id: a.id }, { id: b.id }]);
  });
});

describe("routing and configurable behaviours", () => {
  test("unknown key, unknown action, broken JSON", async () => {
    const badKey = await fetch(`${sim.apiUrl}/nope/get_clients`);
    expect(badKey.status).toBe(401);
    expect((await call("no_such_action")).status).toBe(404);
    const broken = await fetch(`${sim.apiUrl}/${KEY}/callback`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{bad",
    });
    expect(broken.status).toBe(400);
  });

  test("the path works with and without /api", async () => {
    expect((await fetch(`${sim.url}/${KEY}/get_clients`)).status).toBe(200);
  });

  test("whatsapp_client_id answers 404 when nobody has the number", async () => {
    const client = sim.state.addClient({ platformId: "79001234567@s.whatsapp.net", clientType: 6, group: "wa" });
    expect(await call("whatsapp_client_id", { query: "phone=%2B7%20900%20123-45-67" })).toEqual({
      status: 200,
      json: { client_id: client.id },
    });
    expect((await call("whatsapp_client_id", { query: "phone=79990000000" })).status).toBe(404);
  });

  test("tg_callback can create the client when configured", async () => {
    expect((await call("tg_callback", { json: { user_id: 5, group_id: "x_bot", message: "m" } })).json).toEqual({
      status: "client_not_found",
    });
    sim.config.tgCallbackCreatesClient = true;
    await call("tg_callback", { json: { user_id: 5, group_id: "x_bot", message: "m" } });
    expect(sim.state.findByPlatformId("5", "x_bot")).toHaveLength(1);
  });

  test("lists filter get_clients", async () => {
    const a = sim.state.addClient({ platformId: "1" });
    sim.state.addClient({ platformId: "2" });
    await call("add_to_list", { json: { list_id: 9, clients: [a.id] } });
    expect(await call("get_clients", { query: "list=9" })).toMatchObject({ json: { clients: [{ id: a.id }] } });
  });
});

describe("outgoing webhooks from API calls", () => {
  test("message fires an is_input=0 webhook; callback only when enabled", async () => {
    sim.config.webhookUrl = receiver.url;
    const client = sim.state.addClient({ platformId: "407184121", group: "my_bot", name: "Анна", tag: "ads" });
    await call("callback", { json: { client_id: client.id, message: "silent" } });
    await call("message", { json: { client_id: client.id, message: "Привет" } });
    sim.config.webhookOnCallback = true;
    await call("callback", { json: { client_id: client.id, message: "loud" } });
    await sim.flushWebhooks();

    expect(receiver.received).toHaveLength(2);
    const [bot, callback] = receiver.received.map((entry) => salebotWebhookPayload.parse(entry.body));
    expect(bot).toMatchObject({
      message: "Привет",
      is_input: false,
      delivered: true,
      project_id: 77,
      client: { id: client.id, recepient: "407184121", group: "my_bot", tag: "ads" },
    });
    expect(callback).toMatchObject({ message: "loud", is_input: true });
    // Live shapes (default): attachments arrive as a Python repr string.
    expect(typeof (receiver.received[1]?.body as { attachments: unknown }).attachments).toBe("string");
    sim.config.webhookAttachmentsAsRepr = false;
    await call("message", { json: { client_id: client.id, message: "published" } });
    await sim.flushWebhooks();
    expect(Array.isArray((receiver.received[2]?.body as { attachments: unknown }).attachments)).toBe(true);
    expect(sim.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200, 200]);
  });

  test("a failing receiver is recorded and not retried", async () => {
    sim.config.webhookUrl = receiver.url;
    receiver.answerStatus = 500;
    const client = sim.state.addClient({ platformId: "1" });
    await call("message", { json: { client_id: client.id, message: "x" } });
    await sim.flushWebhooks();
    expect(receiver.received).toHaveLength(1);
    expect(sim.webhookDeliveries[0]?.status).toBe(500);
  });
});
