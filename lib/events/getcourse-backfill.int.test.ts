import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { createGetCourseClient, type GetCourseClient } from "@/lib/getcourse";
import { startWorkers } from "@/lib/jobs/workers";
import { startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import type { OrderEventForForwarding } from "./order-event";
import { withClusterLock } from "@/lib/jobs/cluster-lock";
import {
  BACKFILL_LOCK,
  type BackfillProgress,
  createBackfillRun,
  getBackfillProgress,
  resumeBackfills,
  runBackfill,
  startBackfill,
} from "./getcourse-backfill";
import { renderProgress } from "./getcourse-backfill-progress";
import { storeOrderEvent } from "./getcourse-store";

const forwarded = vi.hoisted(() => [] as OrderEventForForwarding[]);
vi.mock("@/lib/forwarding/forward-order", () => ({
  forwardOrderEvent: async (event: OrderEventForForwarding) => void forwarded.push(event),
}));

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
const RANGE = { from: "2026-01-01", to: "2026-01-31" };
const JAN = new Date("2026-01-10T10:00:00Z").getTime();
const inRange: number[] = [];

function client(options: { limit?: number } = {}): GetCourseClient {
  const sim = sims.gcSim;
  return createGetCourseClient({
    accountUrl: sim.url,
    apiKey: sim.apiKey,
    techToken: sim.techToken,
    timeoutMs: 2_000,
    retry: { attempts: 1 },
    exportBudget: options.limit ? { limit: options.limit } : undefined,
  });
}

const exportCalls = (kind: "deals" | "users" | "poll") =>
  sims.gcSim.calls.filter((call) =>
    kind === "poll"
      ? call.path.includes("/pl/api/account/exports/")
      : call.path.replace(/\/+$/, "") === `/pl/api/account/${kind}`,
  ).length;

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  sims = await startSimulatedIntegrations({ timeoutMs: 2_000 });
  const state = sims.gcSim.state;
  // 230 orders in January (more than one progress step), one in March that the range leaves out.
  for (let i = 0; i < 230; i++) {
    const createdAt = new Date(JAN + i * 60 * 60_000);
    const deal = state.addDeal(
      {
        user: `history${i % 40}@school.test`,
        cost: 1000 + i,
        createdAt,
        productTitle: `Курс ${i % 3}`,
        status: i % 5 === 0 ? "payed" : "new",
        utm: i % 2 ? { utm_source: "vk" } : {},
      },
      { silent: true },
    );
    if (i % 7 === 1) state.payDeal(deal.id, 400, { silent: true });
    if (i % 5 === 0 && i % 10 === 0) state.setDealStatus(deal.id, "cancelled", { silent: true });
    inRange.push(deal.id);
  }
  state.addDeal({ user: "march@school.test", cost: 5, createdAt: new Date("2026-03-02T10:00:00Z") }, { silent: true });
});

afterAll(async () => {
  await sims.close();
});

afterEach(async () => {
  sims.gcSim.exports.finishAll();
  sims.gcSim.exports.resetBudget();
  sims.gcSim.behaviour.exportPollsBeforeReady = 2;
  // Each test leaves no active run behind: the next one starts its own.
  await db.backfillRun.updateMany({
    where: { status: { in: ["running", "paused"] } },
    data: { status: "failed", error: "test cleanup" },
  });
});

describe("backfill from the simulator", () => {
  test("imports the range's deals through a polled export, counts progress, notifies nobody", async () => {
    sims.gcSim.behaviour.exportPollsBeforeReady = 3;
    const before = { starts: exportCalls("deals"), polls: exportCalls("poll"), users: exportCalls("users") };
    const { progress: run } = await createBackfillRun({ ...RANGE, startedBy: "test" });
    const seen: BackfillProgress[] = [];
    const outcome = await runBackfill(run.id, { gc: client(), pollIntervalMs: 5, onProgress: (p) => seen.push(p) });

    expect(outcome.status).toBe("done");
    const done = await getBackfillProgress(run.id);
    expect(done).toMatchObject({ status: "done", processed: 230, total: 230, exportId: null, startedBy: "test" });
    expect(done?.finishedAt).toBeInstanceOf(Date);
    expect(exportCalls("deals") - before.starts).toBe(1);
    expect(exportCalls("poll") - before.polls).toBe(4);
    expect(exportCalls("users") - before.users).toBe(0);
    const counts = seen.map((p) => p.processed);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(seen.some((p) => p.processed === 100 && p.total === 230)).toBe(true);
    expect(renderProgress(done!)).toContain("230/230 (100%)");

    expect(await db.gcOrder.count({ where: { dealId: { in: inRange.map(String) } } })).toBe(230);
    const state = sims.gcSim.state;
    for (const id of [inRange[0]!, inRange[1]!, inRange[5]!, inRange[8]!]) {
      const deal = state.getDeal(id)!;
      const order = await db.gcOrder.findUniqueOrThrow({ where: { dealId: String(id) } });
      expect(order).toMatchObject({
        status: deal.status,
        paid: deal.status === "payed" || deal.status === "part_payed",
        dealNumber: deal.number,
        gcUserId: String(deal.userId),
        offer: deal.productTitle,
        currency: "RUB",
        orderedAt: new Date(Math.floor(deal.createdAt.getTime() / 1000) * 1000),
      });
      expect(order.paidAmount?.toNumber()).toBe(deal.payedMoney);
      expect(order.costAmount?.toNumber()).toBe(deal.cost);
    }
    expect(await db.gcOrder.count({ where: { dealId: String(state.deals.at(-1)!.id) } })).toBe(0);
    expect(forwarded).toEqual([]);

    // The same range again: a new run, nothing new stored.
    const events = await db.gcOrderEvent.count();
    const { progress: again } = await createBackfillRun(RANGE);
    expect(again.id).not.toBe(run.id);
    expect((await runBackfill(again.id, { gc: client(), pollIntervalMs: 5 })).status).toBe("done");
    expect(await db.gcOrderEvent.count()).toBe(events);
  });

  test("905: another export on the account pauses the run; it goes on once that one is built", async () => {
    await client().startUsersExport({ status: "active" });
    const { progress: run } = await createBackfillRun(RANGE);
    const paused = await runBackfill(run.id, { gc: client(), pollIntervalMs: 5 });
    expect(paused).toMatchObject({ status: "paused", message: expect.stringContaining("Another export is running") });
    const stored = await getBackfillProgress(run.id);
    expect(stored).toMatchObject({ status: "paused", exportId: null, message: expect.stringContaining("905") });
    expect(stored!.resumeAt!.getTime()).toBeGreaterThan(Date.now());

    // Before its time a paused run stays paused without asking GetCourse anything.
    const calls = sims.gcSim.calls.length;
    expect((await runBackfill(run.id, { gc: client() })).status).toBe("paused");
    expect(sims.gcSim.calls.length).toBe(calls);

    sims.gcSim.exports.finishAll();
    expect((await runBackfill(run.id, { gc: client(), pollIntervalMs: 5, ignoreResumeAt: true })).status).toBe("done");
  });

  test("one import at a time: while another process holds the import lock a run answers busy; a run that throws frees it", async () => {
    const { progress: run } = await createBackfillRun(RANGE);
    const whileHeld = await withClusterLock(BACKFILL_LOCK, () =>
      runBackfill(run.id, { gc: client(), pollIntervalMs: 5 }),
    );
    expect(whileHeld).toEqual({ status: "busy" });
    await expect(runBackfill(987_654_321n, { gc: client() })).rejects.toThrow();
    expect((await runBackfill(run.id, { gc: client(), pollIntervalMs: 5 })).status).toBe("done");
  });

  test("interrupted while polling: the resumed run polls the same export", async () => {
    sims.gcSim.behaviour.exportPollsBeforeReady = 6;
    const starts = exportCalls("deals");
    const { progress: run } = await createBackfillRun(RANGE);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const first = await runBackfill(run.id, { gc: client(), pollIntervalMs: 50, signal: controller.signal });
    expect(first.status).toBe("interrupted");
    const mid = await getBackfillProgress(run.id);
    expect(mid).toMatchObject({ status: "running", processed: 0 });
    expect(mid?.exportId).toMatch(/^\d+$/);

    const resumed = await runBackfill(run.id, { gc: client(), pollIntervalMs: 5 });
    expect(resumed.status).toBe("done");
    expect(exportCalls("deals") - starts).toBe(1);
  });

  test("interrupted half-way through the rows: resumes there, stores each deal once", async () => {
    await db.gcOrderEvent.deleteMany({ where: { kind: "imported" } });
    const { progress: run } = await createBackfillRun(RANGE);
    const controller = new AbortController();
    const first = await runBackfill(run.id, {
      gc: client(),
      pollIntervalMs: 5,
      signal: controller.signal,
      onProgress: (p) => p.processed >= 100 && controller.abort(),
    });
    expect(first).toMatchObject({ status: "interrupted", progress: { processed: 100, total: 230 } });
    expect(await db.gcOrderEvent.count({ where: { kind: "imported" } })).toBe(100);

    expect((await runBackfill(run.id, { gc: client(), pollIntervalMs: 5 })).status).toBe("done");
    expect(await getBackfillProgress(run.id)).toMatchObject({ processed: 230, total: 230 });
    expect(await db.gcOrderEvent.count({ where: { kind: "imported" } })).toBe(230);
  });

  test("a spent export budget pauses with a clear message and the time it can go on", async () => {
    // Our own count: the last 10 requests of the window are kept for linking.
    const { progress: run } = await createBackfillRun(RANGE);
    const low = await runBackfill(run.id, { gc: client({ limit: 12 }), pollIntervalMs: 5 });
    expect(low).toMatchObject({ status: "paused", message: expect.stringContaining("kept for linking") });

    // GetCourse's count (903): others on the account spent it.
    sims.gcSim.exports.finishAll();
    sims.gcSim.behaviour.exportBudget = {
      ...sims.gcSim.behaviour.exportBudget,
      limit: sims.gcSim.exports.requestsInWindow(),
    };
    const spent = await runBackfill(run.id, { gc: client(), pollIntervalMs: 5, ignoreResumeAt: true });
    expect(spent).toMatchObject({ status: "paused", message: expect.stringContaining("export budget") });
    if (spent.status === "paused") expect(spent.resumeAt.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(await getBackfillProgress(run.id)).toMatchObject({
      status: "paused",
      message: expect.stringContaining("goes on at"),
    });

    sims.gcSim.behaviour.exportBudget = { ...sims.gcSim.behaviour.exportBudget, limit: 100 };
    sims.gcSim.exports.resetBudget();
    expect((await runBackfill(run.id, { gc: client(), pollIntervalMs: 5, ignoreResumeAt: true })).status).toBe("done");
  });

  test("a users export fills in the e-mail or user id that orders lack", async () => {
    const buyer = sims.gcSim.state.addUser({
      email: "only-id@school.test",
      createdAt: new Date("2026-01-02T10:00:00Z"),
    });
    const utm = { source: null, medium: null, campaign: null, content: null, term: null };
    const base = {
      source: "process" as const,
      kind: "status_changed" as const,
      dealNumber: null,
      status: "new",
      paidFlag: null,
      costAmount: null,
      paidAmount: null,
      currency: null,
      offer: null,
      utm,
      dealCreatedAt: null,
      occurredAt: new Date(),
      payload: {},
    };
    await storeOrderEvent({ ...base, dealId: "990001", gcUserId: String(buyer.id), email: null });
    await storeOrderEvent({ ...base, dealId: "990002", gcUserId: null, email: "only-id@school.test" });
    const usersBefore = exportCalls("users");

    const { progress: run } = await createBackfillRun(RANGE);
    expect((await runBackfill(run.id, { gc: client(), pollIntervalMs: 5 })).status).toBe("done");
    expect(exportCalls("users") - usersBefore).toBe(1);
    expect(await db.gcOrder.findUnique({ where: { dealId: "990001" } })).toMatchObject({
      email: "only-id@school.test",
    });
    expect(await db.gcOrder.findUnique({ where: { dealId: "990002" } })).toMatchObject({ gcUserId: String(buyer.id) });
    const done = await getBackfillProgress(run.id);
    expect(done!.total).toBeGreaterThan(230);
    expect(done!.processed).toBe(done!.total);
  });

  test("as a pg-boss job: startBackfill and resumeBackfills run to the end", async () => {
    sims.gcSim.behaviour.exportPollsBeforeReady = 0;
    await startWorkers();
    const started = await startBackfill({ ...RANGE, startedBy: "admin@school.test" });
    await waitFor(async () => (await getBackfillProgress(started.id))?.status === "done");

    // A run left `running` by a stopped CLI is picked up again.
    const { progress: orphan } = await createBackfillRun(RANGE);
    expect(await resumeBackfills()).toBe(1);
    await waitFor(async () => (await getBackfillProgress(orphan.id))?.status === "done");
    expect(forwarded).toEqual([]);
  });
});
