import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import { enqueueDeliveries } from "@/lib/deliveries/queue";
import { startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import {
  callbacksOf,
  customer,
  gcProcessCall,
  type HubProcess,
  killHubs,
  linkVariableWrites,
  pause,
  postSalebot,
  requestLink,
  scratchDir,
  type Sims,
  simulatorEnv,
  startHub,
  storedSalebotIds,
  waitFor,
} from "./support";

/**
 * Beyond one machine: two real server processes (scripts/server.ts, webhook path + job workers)
 * on one database. The same webhooks sent to both are stored once; queued jobs, duplicated on
 * purpose, run once between them. In-process key locks are per instance, so here the database's
 * unique keys and row claims must decide.
 */
let sims: Sims;
const hubs: HubProcess[] = [];
const work = scratchDir("hub-two-");

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
});
afterAll(async () => {
  killHubs();
  await sims?.close();
});

async function startBoth(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL as string;
  for (const name of ["a", "b"]) {
    hubs.push(
      await startHub({
        databaseUrl,
        spoolDir: path.join(work, name),
        workers: true,
        env: { ...simulatorEnv(sims), LINK_RETRY_BASE_SECONDS: "1", LOG_LEVEL: "info" },
      }),
    );
  }
}

test("two instances share the work: webhooks stored once, each queued job done once", async () => {
  // Queued work, made before the instances start so both see all of it at once.
  const buyers = Array.from({ length: 15 }, () => customer(sims));
  for (const b of buyers) expect((await requestLink(b)).success).toBe(true);
  // Links: GetCourse down while the bot sends each request twice (two retry jobs per client).
  sims.gcSim.faults.add({ kind: "http_503" });
  const queued = Array.from({ length: 15 }, () => customer(sims));
  for (const c of queued) {
    expect((await requestLink(c)).error).toBe("gc_unavailable");
    expect((await requestLink(c)).error).toBe("gc_unavailable");
  }
  sims.gcSim.faults.clear();
  // Deliveries: paid orders of the linked buyers, each delivery job queued three times.
  sims.sbSim.faults.add({ kind: "http_503", pathPrefix: "/" }); // hold deliveries until both run
  for (const [i, b] of buyers.entries()) {
    expect(
      await gcProcessCall({
        event: "paid",
        deal_id: String(810_000 + i),
        email: b.email,
        status: "payed",
        cost: "500",
        paid: "500",
      }),
    ).toBe(200);
  }
  const deliveries = await db.delivery.findMany({ select: { id: true } });
  expect(deliveries).toHaveLength(buyers.length);
  await db.delivery.updateMany({ data: { attempts: 0, status: "pending", nextAttemptAt: new Date(0) } });
  await enqueueDeliveries(deliveries.map((d) => d.id));
  await enqueueDeliveries(deliveries.map((d) => d.id));
  sims.sbSim.faults.clear();
  const sbFrom = sims.sbSim.calls.length;

  await startBoth();
  const [a, b] = hubs as [HubProcess, HubProcess];

  // The same 200 Salebot webhooks to both instances at once.
  const ids = Array.from({ length: 200 }, (_, i) => 3_000_000 + i);
  const statuses = await Promise.all(ids.flatMap((id) => [postSalebot(a.port, id), postSalebot(b.port, id)]));
  expect(statuses.every((status) => status === 200)).toBe(true);
  const stored = await storedSalebotIds();
  expect(ids.every((id) => stored.has(id))).toBe(true);
  const counted = await db.$queryRaw<{ total: number }[]>`
    SELECT sum(messages_in)::int AS total FROM salebot_clients`;
  expect(counted[0]?.total).toBe(stored.size);

  // Every queued link done once, by either instance.
  const queuedIds = queued.map((c) => c.sb_id);
  await waitFor(
    async () => (await db.link.count({ where: { sbClientId: { in: queuedIds } } })) === queued.length,
    60_000,
    "queued links stored",
  );
  await waitFor(
    async () => (await db.linkAttempt.count({ where: { resolvedAt: null } })) === 0,
    30_000,
    "no open failures",
  );
  await waitFor(
    async () => (await db.delivery.count({ where: { status: "sent" } })) === buyers.length,
    60_000,
    "deliveries sent",
  );
  const retried = (hub: HubProcess) => hub.output.filter((line) => line.includes('"queued link retried"')).length;
  // Two jobs per queued client, each run exactly once in all (a run logs this line once); a job
  // that found its client locked by the other instance runs again a moment later.
  await waitFor(async () => retried(a) + retried(b) >= queued.length * 2, 30_000, "every queued link job run");
  await pause(2_500);
  expect(retried(a) + retried(b)).toBe(queued.length * 2);
  for (const c of queued) {
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
    // One link, written once: the instances share a lock per client, so the client's second job
    // finds the link made ("already linked") instead of writing the same keys again.
    const fresh = await db.linkAttempt.count({ where: { sbClientId: c.sb_id, outcome: "success", errorDetail: null } });
    expect(fresh).toBe(1);
    expect(linkVariableWrites(sims, c.sb_id, sbFrom)).toBe(1);
  }
  expect(await db.linkAttempt.count({ where: { errorCode: "conflict" } })).toBe(0);
  for (const buyer of buyers) expect(callbacksOf(sims, buyer.sb_id)).toBe(1);
  expect(await db.delivery.count({ where: { attempts: { not: 1 } } })).toBe(0);
  console.log(`link retries run by instance a: ${retried(a)}, b: ${retried(b)}`);
});
