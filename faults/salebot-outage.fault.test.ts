import { expect, test } from "vitest";
import { db } from "@/lib/db";
import {
  callbacksOf,
  customer,
  gcProcessCall,
  linkVariableWrites,
  pause,
  requestLink,
  simulatedHub,
  waitFor,
} from "./support";

/**
 * (b) Salebot down: links are stored (GetCourse has the keys), their Salebot variables are written
 * once Salebot is back, and order events for linked clients are delivered after recovery, once.
 */
const hub = simulatedHub();

test("Salebot down: links stored, variables written later, deliveries delivered after recovery, none twice", async () => {
  hub.sims.sbSim.faults.add({ kind: "http_503" });
  const customers = Array.from({ length: 12 }, () => customer(hub.sims));
  const answers = await Promise.all(customers.map((c) => requestLink(c)));
  expect(answers.every((a) => a.status === 200 && a.success === true)).toBe(true);
  expect(await db.link.count({ where: { sbClientId: { in: customers.map((c) => c.sb_id) } } })).toBe(customers.length);
  expect(
    await db.linkAttempt.count({ where: { outcome: "queued", errorCode: "salebot_unavailable", resolvedAt: null } }),
  ).toBe(customers.length);

  // Paid orders for each linked customer while Salebot is still down, each sent twice by GetCourse.
  for (const [i, c] of customers.entries()) {
    const link = await db.link.findFirstOrThrow({ where: { sbClientId: c.sb_id } });
    const call = {
      event: "paid",
      deal_id: String(700_000 + i),
      deal_number: String(9_000 + i),
      email: c.email,
      user_id: link.gcUserId ?? "",
      status: "payed",
      cost: "2500",
      paid: "2500",
      offer: "Курс",
    };
    expect(await gcProcessCall(call)).toBe(200);
    expect(await gcProcessCall(call)).toBe(200);
  }
  expect(await db.delivery.count()).toBe(customers.length);
  // Let the queue fail against the outage a few times.
  await waitFor(
    async () => (await db.delivery.count({ where: { attempts: { gte: 2 } } })) === customers.length,
    30_000,
    "deliveries tried during the outage",
  );
  await pause(1_000);

  const recoveredAt = hub.sims.sbSim.calls.length;
  hub.sims.sbSim.faults.clear();

  await waitFor(
    async () => (await db.delivery.count({ where: { status: "sent" } })) === customers.length,
    60_000,
    "every delivery sent",
  );
  await waitFor(
    async () => (await db.linkAttempt.count({ where: { resolvedAt: null } })) === 0,
    60_000,
    "salebot sync resolved",
  );
  // Leave time for any duplicate job or sweep to act twice, then count.
  await pause(2_500);

  for (const c of customers) {
    expect(callbacksOf(hub.sims, c.sb_id)).toBe(1);
    expect(linkVariableWrites(hub.sims, c.sb_id, recoveredAt)).toBe(1);
    expect(hub.sims.sbSim.state.variablesOf(Number(c.sb_id))).toMatchObject({
      email: c.email,
      gc_order_number: expect.any(String),
    });
  }
  expect(await db.delivery.count({ where: { status: { not: "sent" } } })).toBe(0);
  expect(await db.link.count()).toBe(customers.length);
});
