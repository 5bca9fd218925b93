import { expect, test, vi } from "vitest";
import { POST, GET } from "@/app/api/webhooks/getcourse/route";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { TEST_GETCOURSE_WEBHOOK_TOKEN } from "@/lib/testing/database-per-file";
import { countOpenUnreadableCalls, listUnreadableCalls } from "@/lib/queries/getcourse-calls";
import { dismissUnreadableCall, reprocessUnreadableCall } from "./getcourse-unreadable";

vi.mock("@/lib/forwarding/forward-order", () => ({ forwardOrderEvent: async () => {} }));

const BASE = "http://hub.test/api/webhooks/getcourse";

async function anAdmin(role: SessionUser["role"] = "admin"): Promise<SessionUser> {
  const email = `${role}-${Math.random().toString(36).slice(2)}@hub.test`;
  const row = await db.user.create({ data: { email, role, passwordHash: "x" } });
  return { id: String(row.id), email, role };
}

const latest = async () => (await listUnreadableCalls({ handled: false })).rows[0];

test("a call without a deal id is kept with its token redacted, listed, and re-processed with the id an admin gives", async () => {
  const query = new URLSearchParams({
    token: TEST_GETCOURSE_WEBHOOK_TOKEN,
    email: "kept@school.test",
    status: "payed",
    payed_money: "1 990 руб.",
    gc_number: "555",
  });
  expect((await GET(new Request(`${BASE}?${query}`))).status).toBe(200);
  const kept = await latest();
  expect(kept).toMatchObject({
    method: "GET",
    reason: "no_deal_id",
    query: { token: "[redacted]", email: "kept@school.test", gc_number: "555" },
  });
  expect(JSON.stringify(kept)).not.toContain(TEST_GETCOURSE_WEBHOOK_TOKEN);
  const before = await countOpenUnreadableCalls();

  const admin = await anAdmin();
  expect(await reprocessUnreadableCall(admin, kept?.id ?? "")).toMatchObject({ kind: "still_unreadable" });
  expect(await reprocessUnreadableCall(admin, kept?.id ?? "", { dealId: "7770001" })).toEqual({
    kind: "stored",
    dealId: "7770001",
    eventKind: "paid",
  });

  expect(await db.gcOrder.findUnique({ where: { dealId: "7770001" } })).toMatchObject({
    paid: true,
    email: "kept@school.test",
    dealNumber: "555",
  });
  const [event] = await db.gcOrderEvent.findMany({ where: { dealId: "7770001" } });
  expect(event?.inferred).toEqual([
    "no event named; read as paid from status payed",
    `deal id 7770001 given by ${admin.email}`,
  ]);
  expect(await countOpenUnreadableCalls()).toBe(before - 1);
  expect((await listUnreadableCalls({ handled: true })).rows[0]).toMatchObject({
    handledBy: admin.email,
    dealId: "7770001",
  });
  expect(await db.auditLog.findFirst({ where: { action: "getcourse_call.reprocess" } })).toMatchObject({
    actorEmail: admin.email,
  });
});

test("a body that is not JSON is kept as text with secrets redacted, and can be marked handled", async () => {
  const body = '{"deal_id": 12, "token": "abc", oops';
  const response = await POST(
    new Request(`${BASE}?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    }),
  );
  expect(await response.json()).toMatchObject({
    success: true,
    stored: true,
    recognised: false,
    reason: "unreadable_body",
  });
  const kept = await latest();
  expect(kept?.body).toBe('{"deal_id": 12, "token": "[redacted]", oops');

  const marketer = await anAdmin("marketer");
  await expect(dismissUnreadableCall(marketer, kept?.id ?? "")).rejects.toMatchObject({ status: 403 });
  const admin = await anAdmin();
  await dismissUnreadableCall(admin, kept?.id ?? "");
  expect((await listUnreadableCalls({ handled: false })).rows.map((row) => row.id)).not.toContain(kept?.id);
  await expect(dismissUnreadableCall(admin, "999999")).rejects.toMatchObject({ status: 404 });
});
