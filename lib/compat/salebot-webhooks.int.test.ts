import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { POST } from "@/app/api/webhooks/salebot/route";
import { db } from "@/lib/db";
import { stopSalebotIngest } from "@/lib/events/salebot-ingest";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import { salebotWebhookFixtures } from "./salebot-fixtures";

// Each webhook shape public sources show, posted to the hub's real ingest route (issue 12).

beforeAll(() => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "hub-compat-spool-"));
  process.env.SALEBOT_PROJECT_ID ??= "777";
});
afterAll(async () => {
  await stopSalebotIngest();
});

const post = (body: unknown) =>
  POST(
    new Request(`http://hub.test/api/webhooks/salebot?token=${TEST_LINK_TOKEN}`, {
      method: "POST",
      body: JSON.stringify(body),
    }),
  );

describe("Salebot webhook fixtures through the ingest route", () => {
  test.each(salebotWebhookFixtures())("$name is stored", async ({ fixture }) => {
    expect((await post(fixture.body)).status).toBe(200);
    const expected = fixture.expect;
    const text = typeof expected["text"] === "string" ? expected["text"] : undefined;
    const message = await db.salebotMessage.findFirstOrThrow({
      where: typeof expected["messageId"] === "string" ? { messageId: expected["messageId"] } : { text },
    });
    expect(message.clientId).toBe(expected["clientId"] ?? null);
    if (text !== undefined) expect(message.text).toBe(text);
    if (typeof expected["clientId"] !== "string") return;

    const client = await db.salebotClient.findFirstOrThrow({ where: { clientId: expected["clientId"] } });
    const columns = {
      platformId: expected["platformId"],
      messenger: expected["messenger"],
      bot: expected["bot"],
      startParam: expected["startParam"],
    };
    expect(client).toMatchObject(
      Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined)),
    );
    expect(expected["fromClient"] === false ? client.messagesOut : client.messagesIn).toBe(1);
  });
});
