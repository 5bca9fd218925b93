import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { callbacksOf, customer, gcProcessCall, gcTechCall, pause, requestLink, simulatedHub, waitFor } from "./support";

/**
 * (e) A storm of duplicate GetCourse events: the same payment ×100 at once, through both caller
 * shapes («Вызвать URL» GET and the Tech API JSON, plain and wrapped): one order, one event, the
 * payment counted once, one delivery per linked client.
 */
const hub = simulatedHub();

async function ingested(outcome: string): Promise<number> {
  const metric = await metrics().webhooksIngested.get();
  return metric.values.find((v) => v.labels.source === "getcourse" && v.labels.outcome === outcome)?.value ?? 0;
}

test("the same paid event ×100 concurrently, both shapes: one order, paid once, one delivery per client", async () => {
  const buyers = Array.from({ length: 4 }, () => customer(hub.sims));
  for (const b of buyers) expect((await requestLink(b)).success).toBe(true);
  const storedBefore = await ingested("stored");
  const duplicatesBefore = await ingested("duplicate");

  const deals = await Promise.all(
    buyers.map(async (b, i) => {
      const link = await db.link.findFirstOrThrow({ where: { sbClientId: b.sb_id } });
      return { dealId: String(880_000 + i), email: b.email, gcUserId: link.gcUserId ?? "", sbId: b.sb_id };
    }),
  );
  const calls = deals.flatMap((deal) =>
    Array.from({ length: 100 }, (_, k) => {
      if (k % 2 === 0) {
        return () =>
          gcProcessCall({
            event: "paid",
            deal_id: deal.dealId,
            deal_number: `N${deal.dealId}`,
            email: deal.email,
            user_id: deal.gcUserId,
            status: "payed",
            cost: "14900",
            paid: "14900",
          });
      }
      const tech = {
        eventType: "getcourse/dealPaid",
        user: { id: `1:${deal.gcUserId}`, gcId: Number(deal.gcUserId), type: "Real", email: deal.email },
        deal: {
          id: deal.dealId,
          number: `N${deal.dealId}`,
          status: "payed",
          isPayed: true,
          cost: 14900,
          payedValue: 14900,
          currency: "RUB",
        },
      };
      return () => gcTechCall(k % 4 === 1 ? tech : { json: tech });
    }),
  );
  const statuses = await Promise.all(calls.map((call) => call()));
  expect(statuses.filter((status) => status !== 200)).toEqual([]);

  for (const deal of deals) {
    const order = await db.gcOrder.findUniqueOrThrow({ where: { dealId: deal.dealId } });
    expect(order).toMatchObject({ paid: true, status: "payed" });
    expect(order.paidAmount?.toFixed(2)).toBe("14900.00");
    expect(await db.gcOrderEvent.count({ where: { dealId: deal.dealId } })).toBe(1);
  }
  expect(await db.gcOrder.count()).toBe(deals.length);
  // Revenue as the analytics count it: each order once.
  const revenue = await db.gcOrder.aggregate({ _sum: { paidAmount: true }, where: { paid: true } });
  expect(revenue._sum.paidAmount?.toFixed(2)).toBe((14_900 * deals.length).toFixed(2));
  expect((await ingested("stored")) - storedBefore).toBe(deals.length);
  expect((await ingested("duplicate")) - duplicatesBefore).toBe(calls.length - deals.length);

  await waitFor(
    async () => (await db.delivery.count({ where: { status: "sent" } })) === deals.length,
    30_000,
    "deliveries sent",
  );
  await pause(2_000);
  expect(await db.delivery.count()).toBe(deals.length);
  for (const deal of deals) expect(callbacksOf(hub.sims, deal.sbId)).toBe(1);
});
