import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/salebot/route";
import { db } from "@/lib/db";
import { linkListQuerySchema, listLinks } from "@/lib/queries/links";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import { drainSalebotSpool, salebotSpoolDepth, stopSalebotIngest } from "./salebot-ingest";

beforeAll(() => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "hub-spool-"));
  process.env.SALEBOT_PROJECT_ID ??= "777";
});
afterAll(async () => {
  await stopSalebotIngest();
});

let nextId = 1;
function webhook(overrides: Record<string, unknown> = {}, client: Record<string, unknown> | null = {}) {
  return {
    id: nextId++,
    client:
      client === null
        ? null
        : { id: 501, recepient: "123456789", client_type: 1, name: "Анна", tag: "", group: "school_bot", ...client },
    message: "Привет",
    attachments: "[]",
    message_id: 77,
    project_id: 777,
    is_input: 1,
    delivered: 1,
    ...overrides,
  };
}

function post(body: unknown, token: string | null = TEST_LINK_TOKEN) {
  const url = token ? `http://hub.test/api/webhooks/salebot?token=${token}` : "http://hub.test/api/webhooks/salebot";
  return POST(new Request(url, { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body) }));
}

describe("POST /api/webhooks/salebot", () => {
  test("stores the message and keeps the client up to date", async () => {
    const first = webhook({ message: "/start promo_spring" }, { id: 601, tag: "" });
    expect((await post(first)).status).toBe(200);
    expect((await post(webhook({ is_input: 0, message: "Добро пожаловать" }, { id: 601 }))).status).toBe(200);
    expect((await post(webhook({ message: "/start other" }, { id: 601 }))).status).toBe(200);

    const client = await db.salebotClient.findUniqueOrThrow({
      where: { projectId_clientId: { projectId: "777", clientId: "601" } },
    });
    expect(client).toMatchObject({
      platformId: "123456789",
      messenger: "telegram",
      bot: "school_bot",
      name: "Анна",
      startParam: "promo_spring",
      messagesIn: 2,
      messagesOut: 1,
    });
    expect(client.firstMessageAt!.getTime()).toBeLessThanOrEqual(client.lastMessageAt!.getTime());
    expect(await db.salebotMessage.count({ where: { clientId: "601" } })).toBe(3);
  });

  test("a linked client's new name reaches the links list", async () => {
    await post(webhook({}, { id: 640, name: "Анна" }));
    await db.link.create({
      data: { projectId: "777", sbClientId: "640", email: "anna640@example.com", source: "bot" },
    });
    await post(webhook({ message: "ещё" }, { id: 640, name: "Анна Петрова" }));
    const page = await listLinks(linkListQuerySchema.parse({ q: "анна п" }));
    expect(page.rows.map((row) => [row.sbClientId, row.name])).toEqual([["640", "Анна Петрова"]]);
  });

  test("the subscription key (client.tag) is the start parameter when present", async () => {
    await post(webhook({ message: "hello" }, { id: 602, tag: "vk_ads_7" }));
    const client = await db.salebotClient.findFirstOrThrow({ where: { clientId: "602" } });
    expect(client.startParam).toBe("vk_ads_7");
  });

  test("a redelivered webhook is stored once and counted once", async () => {
    const body = webhook({}, { id: 603 });
    for (let i = 0; i < 3; i++) expect((await post(body)).status).toBe(200);
    await Promise.all(Array.from({ length: 10 }, () => post(body)));
    expect(await db.salebotMessage.count({ where: { clientId: "603" } })).toBe(1);
    expect((await db.salebotClient.findFirstOrThrow({ where: { clientId: "603" } })).messagesIn).toBe(1);
  });

  test("many concurrent webhooks are all stored, counters add up", async () => {
    const bodies = Array.from({ length: 400 }, (_, i) =>
      webhook({ is_input: i % 4 === 0 ? 0 : 1 }, { id: 700 + (i % 20) }),
    );
    const answers = await Promise.all(bodies.map((body) => post(body)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const clients = await db.salebotClient.findMany({
      where: { clientId: { in: Array.from({ length: 20 }, (_, i) => String(700 + i)) } },
    });
    expect(clients.reduce((sum, c) => sum + c.messagesIn + c.messagesOut, 0)).toBe(400);
    expect(clients.reduce((sum, c) => sum + c.messagesOut, 0)).toBe(100);
  });

  test("webhooks without a client or an id are kept; the same body again is one message", async () => {
    const systemEvent = { message: "new_chat_member", project_id: 777 };
    expect((await post(systemEvent)).status).toBe(200);
    expect((await post(systemEvent)).status).toBe(200);
    expect(await db.salebotMessage.count({ where: { text: "new_chat_member" } })).toBe(1);
  });

  test("NUL characters and odd attachments do not break a batch", async () => {
    const body = JSON.stringify(webhook({ message: "a\u0000b", attachments: "['https://x.test/a.png']" }, { id: 604 }));
    expect((await post(body)).status).toBe(200);
    expect((await db.salebotMessage.findFirstOrThrow({ where: { clientId: "604" } })).text).toBe("ab");
  });

  test("client fields too long for an index are cut, the message is stored, the payload keeps them whole", async () => {
    // Random text does not compress: whole, it would not fit the indexes on name, bot and platform id.
    const long = Array.from({ length: 1_000 }, () => Math.random().toString(36).slice(2, 12)).join("");
    const answer = await post(
      webhook({ message: "длинное имя" }, { id: 641, name: long, recepient: long, group: long, tag: long }),
    );
    expect(answer.status).toBe(200);
    const client = await db.salebotClient.findFirstOrThrow({ where: { clientId: "641" } });
    expect(client).toMatchObject({
      name: long.slice(0, 255),
      platformId: long.slice(0, 255),
      bot: long.slice(0, 255),
      startParam: long.slice(0, 255),
    });
    const message = await db.salebotMessage.findFirstOrThrow({ where: { clientId: "641" } });
    expect((message.payload as { client: { name: string } }).client.name).toBe(long);
  });

  test("bad input is a 400 and stores nothing; no token is a 401", async () => {
    const before = await db.salebotMessage.count();
    const bad = await post("{not json");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ success: false, error: "bad_request" });
    expect((await post("[1,2]")).status).toBe(400);
    expect((await post(webhook({}, { id: "not-a-number" }))).status).toBe(400);
    expect((await post(webhook(), null)).status).toBe(401);
    expect((await post(webhook(), "wrong-token-0123456789")).status).toBe(401);
    expect(await db.salebotMessage.count()).toBe(before);
  });

  test("Postgres unreachable: accepted webhooks are spooled and replayed when it is back", async () => {
    const realUrl = process.env.DATABASE_URL;
    await stopSalebotIngest();
    process.env.DATABASE_URL = "postgresql://hub@127.0.0.1:1/nowhere";
    const bodies = Array.from({ length: 25 }, () => webhook({}, { id: 650 }));
    try {
      const answers = await Promise.all(bodies.map((body) => post(body)));
      expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
      expect(salebotSpoolDepth()).toBe(25);
    } finally {
      await stopSalebotIngest();
      process.env.DATABASE_URL = realUrl;
    }
    await drainSalebotSpool();
    expect(salebotSpoolDepth()).toBe(0);
    expect(await db.salebotMessage.count({ where: { clientId: "650" } })).toBe(25);
    expect((await db.salebotClient.findFirstOrThrow({ where: { clientId: "650" } })).messagesIn).toBe(25);
  });
});
