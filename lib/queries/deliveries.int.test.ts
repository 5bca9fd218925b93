import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { signedInAs } from "@/lib/auth/test-session";
import { retryAllDeadAsUser, retryDeliveryAsUser } from "@/lib/deliveries/retry";
import { db } from "@/lib/db";
import { startWorkers } from "@/lib/jobs/workers";
import { startSimulatedIntegrations, TEST_PROJECT_ID } from "@/lib/testing/simulated-integrations";
import { deliveriesQuerySchema, listDeliveries } from "./deliveries";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let staff: SessionUser;
let marketer: SessionUser;
let next = 1;

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  staff = (await signedInAs("staff")).user;
  marketer = (await signedInAs("marketer")).user;
});
afterAll(async () => {
  await sims.close();
});

async function delivery(status: "pending" | "sent" | "dead", createdAt = new Date()) {
  const id = next++;
  sims.sbSim.state.addClient({ id: 60_000 + id, platformId: String(90_000 + id) });
  return db.delivery.create({
    data: {
      idempotencyKey: `test:${id}`,
      projectId: TEST_PROJECT_ID,
      sbClientId: String(60_000 + id),
      kind: "order_paid",
      payload: { method: "callback", message: "gc_order_paid", variables: {} },
      status,
      attempts: status === "dead" ? 8 : 0,
      lastError: status === "dead" ? "Salebot answered HTTP 503" : null,
      createdAt,
    },
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("deliveries", () => {
  test("the list filters by status and period, pages, and counts per status", async () => {
    await delivery("sent", new Date("2026-01-10T12:00:00Z"));
    await delivery("dead", new Date("2026-01-11T12:00:00Z"));
    await delivery("sent", new Date("2026-01-12T12:00:00Z"));
    const all = await listDeliveries(deliveriesQuerySchema.parse({ from: "2026-01-10", to: "2026-01-12" }));
    expect(all.total).toBe(3);
    expect(all.counts).toEqual({ pending: 0, sent: 2, dead: 1 });
    expect(all.rows.map((r) => r.createdAt.toISOString().slice(0, 10))).toEqual([
      "2026-01-12",
      "2026-01-11",
      "2026-01-10",
    ]);
    const dead = await listDeliveries(
      deliveriesQuerySchema.parse({ status: "dead", from: "2026-01-10", to: "2026-01-12" }),
    );
    expect(dead.rows.map((r) => [r.status, r.lastError])).toEqual([["dead", "Salebot answered HTTP 503"]]);
    const paged = await listDeliveries(
      deliveriesQuerySchema.parse({ from: "2026-01-10", to: "2026-01-12", pageSize: "1", page: "2" }),
    );
    expect(paged.rows).toHaveLength(1);
    expect(paged.rows[0]?.createdAt.toISOString().slice(0, 10)).toBe("2026-01-11");
    expect((await listDeliveries(deliveriesQuerySchema.parse({ from: "2026-01-11", to: "2026-01-11" }))).total).toBe(1);
  });

  test("retry now puts a dead delivery back to pending, audited; the worker sends it", async () => {
    const row = await delivery("dead");
    expect(await retryDeliveryAsUser(staff, String(row.id))).toEqual({ queued: true });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "pending",
      attempts: 0,
    });
    expect(
      await db.auditLog.count({
        where: { action: "delivery.retry", target: `delivery:${row.id}`, actorEmail: staff.email },
      }),
    ).toBe(1);
    await startWorkers();
    await waitFor(async () => (await db.delivery.findUniqueOrThrow({ where: { id: row.id } })).status === "sent");
    // Sent is final: a second retry queues nothing.
    expect(await retryDeliveryAsUser(staff, String(row.id))).toEqual({ queued: false });
  });

  test("retry all dead queues every dead one; a marketer is refused", async () => {
    await delivery("dead");
    await delivery("dead");
    await expect(retryAllDeadAsUser(marketer)).rejects.toMatchObject({ status: 403 });
    await expect(retryDeliveryAsUser(marketer, "1")).rejects.toMatchObject({ status: 403 });
    const { queued } = await retryAllDeadAsUser(staff);
    expect(queued).toBeGreaterThanOrEqual(2);
    expect(await db.delivery.count({ where: { status: "dead" } })).toBe(0);
    expect(await db.auditLog.count({ where: { action: "delivery.retry_all_dead" } })).toBe(1);
  });
});
