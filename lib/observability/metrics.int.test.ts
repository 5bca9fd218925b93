import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { db } from "@/lib/db";
import { acceptGetCourseCall } from "@/lib/events/getcourse-webhook";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { TEST_READ_TOKEN } from "@/lib/testing/database-per-file";
import { type AlertConfig, runAlertCheck } from "./alerts";
import { metrics } from "./metrics";
import { clearOperationalSnapshot } from "./operational-snapshot";

async function scrape(): Promise<string> {
  clearOperationalSnapshot();
  const response = await GET(
    new Request("http://hub.test/api/metrics", { headers: { authorization: `Bearer ${TEST_READ_TOKEN}` } }),
  );
  expect(response.status).toBe(200);
  return response.text();
}

test("/api/metrics exposes ingest, link, delivery, queue, spool and failure metrics", async () => {
  await acceptGetCourseCall(
    { query: { event: "created", deal_id: "4242", status: "new", cost: "10" }, body: undefined },
    { forward: async () => {} },
  );
  metrics().linkOutcomes.inc({ code: "success", queued: "false" });
  metrics().deliveryOutcomes.inc({ result: "sent" });
  await enqueue(QUEUES.linkRetry, { probe: true }, 3_600);
  await db.linkAttempt.create({
    data: {
      requestId: "r1",
      projectId: "777",
      sbClientId: "1",
      email: "a@b.c",
      source: "bot",
      outcome: "failed",
      errorCode: "user_not_found",
      durationMs: 1,
      input: {},
    },
  });

  const text = await scrape();
  expect(text).toMatch(/hub_webhooks_ingested_total\{source="getcourse",outcome="stored"\} 1/);
  expect(text).toMatch(/hub_link_outcomes_total\{code="success",queued="false"\} \d+/);
  expect(text).toMatch(/hub_delivery_outcomes_total\{result="sent"\} \d+/);
  expect(text).toMatch(/hub_job_queue_depth\{queue="link-retry"\} 1/);
  expect(text).toMatch(/hub_salebot_spool_depth \d+/);
  expect(text).toMatch(/hub_open_failures\{code="user_not_found"\} 1/);
  expect(text).toMatch(/hub_open_failures\{code="delivery_dead"\} 0/);
  expect(text).toMatch(/hub_http_requests_total/);

  const denied = await GET(new Request("http://hub.test/api/metrics"));
  expect(denied.status).toBe(401);
});

describe("failure alert to Telegram", () => {
  let fake: Server;
  const received: { path: string; body: { chat_id: string; text: string } }[] = [];
  let failNext = false;
  const token = "123456:SECRET-bot-token_abc";

  beforeAll(async () => {
    fake = createServer((req, res) => {
      let raw = "";
      req.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      req.on("end", () => {
        if (failNext) {
          failNext = false;
          res.writeHead(502).end(`bad gateway for ${req.url}`);
          return;
        }
        received.push({ path: req.url ?? "", body: JSON.parse(raw) as { chat_id: string; text: string } });
        res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, "127.0.0.1", resolve));
  });
  afterAll(() => new Promise<void>((resolve) => fake.close(() => resolve())));

  async function fail(count: number, at: Date) {
    await db.linkAttempt.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        requestId: `spike-${at.getTime()}-${i}`,
        projectId: "777",
        sbClientId: `s${i}`,
        email: `s${i}@x.y`,
        source: "bot" as const,
        outcome: "queued" as const,
        errorCode: "gc_unavailable",
        durationMs: 1,
        input: {},
        createdAt: at,
      })),
    });
  }

  test("a failure spike sends one Telegram message, not one a minute, and never logs the token", async () => {
    const config: AlertConfig = {
      token,
      chatId: "-100200300",
      apiUrl: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`,
      threshold: 5,
    };
    const logged: string[] = [];
    const spy = vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
    try {
      const t0 = new Date();
      expect(await runAlertCheck(config, t0)).toMatchObject({ sent: false, active: false });
      await fail(6, t0);
      // Telegram failing: nothing marked, the next minute tries again; the token stays out of logs.
      failNext = true;
      expect(await runAlertCheck(config, new Date(t0.getTime() + 1_000))).toMatchObject({ sent: false, active: false });
      expect(received).toHaveLength(0);
      const first = await runAlertCheck(config, new Date(t0.getTime() + 60_000));
      expect(first).toMatchObject({ sent: true, active: true, failures: 7 });
      expect(received).toHaveLength(1);
      expect(received[0]?.path).toBe(`/bot${token}/sendMessage`);
      expect(received[0]?.body.chat_id).toBe("-100200300");
      expect(received[0]?.body.text).toContain("gc_unavailable ×6");
      // Still spiking a minute later: no second message.
      expect(await runAlertCheck(config, new Date(t0.getTime() + 120_000))).toMatchObject({
        sent: false,
        active: true,
      });
      expect(received).toHaveLength(1);
      // 11 minutes on the window is empty: the spike is over; a new spike alerts again.
      const later = new Date(t0.getTime() + 11 * 60_000);
      expect(await runAlertCheck(config, later)).toMatchObject({ sent: false, active: false });
      await fail(5, later);
      expect(await runAlertCheck(config, new Date(later.getTime() + 1_000))).toMatchObject({ sent: true });
      expect(received).toHaveLength(2);
    } finally {
      spy.mockRestore();
    }
    expect(logged.some((line) => line.includes("could not be sent"))).toBe(true);
    expect(logged.join("")).not.toContain("SECRET-bot-token");
  });
});
