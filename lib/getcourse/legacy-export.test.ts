import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExportRequestBudget } from "./export-budget";
import { GetCourseError } from "./gc-error";
import { exportTableToRecords } from "./legacy-export";
import { caught, startSimWithClient } from "@/lib/testing/getcourse-simulator-client";

type Setup = Awaited<ReturnType<typeof startSimWithClient>>;
const FAST_POLL = { pollIntervalMs: 5, maxPolls: 10 };

describe("Legacy export", () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSimWithClient({ behaviour: { exportPollsBeforeReady: 2 } });
    const { state } = setup.sim;
    state.addField({ title: "telegram_id" });
    const anna = state.addUser({
      email: "anna@example.com",
      firstName: "Анна",
      fields: { telegram_id: "555" },
      utm: { utm_source: "vk" },
    });
    state.addUser({ email: "boris@example.com", status: "in_base" });
    state.addDeal({ user: anna.id, cost: 12000, productTitle: "Курс", status: "payed" }, { silent: true });
    state.addDeal({ user: anna.id, cost: 500, productTitle: "Мини", status: "new" }, { silent: true });
  });
  afterEach(() => setup.sim.close());

  it("polls through 909 until the users export is ready, counting every request", async () => {
    const before = setup.client.remainingExportRequests();
    const table = await setup.client.exportUsers({ status: "active" }, FAST_POLL);
    // start + two 909 answers + the ready answer
    expect(before - setup.client.remainingExportRequests()).toBe(4);
    expect(setup.sim.exports.requestsInWindow()).toBe(4);
    const records = exportTableToRecords(table);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ Email: "anna@example.com", Имя: "Анна", telegram_id: "555", utm_source: "vk" });
  });

  it("starts a deals export with filters and reads string cells", async () => {
    const exportId = await setup.client.startDealsExport({ status: "payed", createdAt: { from: "2000-01-01" } });
    const call = setup.sim.calls.at(-1);
    expect(call?.query.get("status")).toBe("payed");
    expect(call?.query.get("created_at[from]")).toBe("2000-01-01");
    expect(await setup.client.fetchExport(exportId)).toEqual({ ready: false });
    const table = await setup.client.waitForExport(exportId, FAST_POLL);
    const [deal] = exportTableToRecords(table);
    expect(deal).toMatchObject({ Статус: "Завершен", "Стоимость, RUB": "12 000,00", Email: "anna@example.com" });
  });

  it.each(["file_not_created", "empty_items"] as const)(
    "reads an export that matched nothing as an empty window (%s)",
    async (answer) => {
      setup.sim.behaviour.emptyExportAnswer = answer;
      const table = await setup.client.exportUsers({ status: "active", createdAt: { from: "2099-01-01" } }, FAST_POLL);
      expect(exportTableToRecords(table)).toEqual([]);
    },
  );

  it("maps 905 (one export at a time) and 908 (no filter) to typed errors", async () => {
    await setup.client.startUsersExport({ email: "anna@example.com" });
    const busy = (await caught(setup.client.startDealsExport({ status: "new" }))) as GetCourseError;
    expect(busy.kind).toBe("rate_limited");
    expect(busy.gcErrorCode).toBe(905);
    expect(busy.retryable).toBe(false);
    setup.sim.exports.finishAll();
    const noFilter = (await caught(setup.client.startUsersExport({ idGroupList: "1" }))) as GetCourseError;
    expect(noFilter.kind).toBe("rejected");
    expect(noFilter.gcErrorCode).toBe(908);
  });

  it("runs this client's exports one at a time instead of meeting 905", async () => {
    const [users, deals] = await Promise.all([
      setup.client.exportUsers({ email: "boris@example.com" }, FAST_POLL),
      setup.client.exportDeals({ status: "new" }, FAST_POLL),
    ]);
    expect(exportTableToRecords(users)[0]?.Email).toBe("boris@example.com");
    expect(exportTableToRecords(deals)[0]?.Title).toBe("Мини");
  });

  it("gives up with a timeout after maxPolls not-ready answers", async () => {
    setup.sim.behaviour.exportPollsBeforeReady = 50;
    const error = (await caught(
      setup.client.exportUsers({ status: "active" }, { pollIntervalMs: 1, maxPolls: 3 }),
    )) as GetCourseError;
    expect(error.kind).toBe("timeout");
    expect(error.gcErrorCode).toBe(909);
  });

  it("refuses locally when its own budget is spent, without calling GetCourse", async () => {
    const { createGetCourseClient } = await import("./client");
    const client = createGetCourseClient({
      accountUrl: setup.sim.url,
      apiKey: setup.sim.apiKey,
      techToken: setup.sim.techToken,
      exportBudget: { limit: 2 },
    });
    await client.startUsersExport({ status: "active" });
    expect(client.remainingExportRequests()).toBe(1);
    await client.fetchExport(4_100_001);
    expect(client.remainingExportRequests()).toBe(0);
    const calls = setup.sim.calls.length;
    const error = (await caught(client.fetchExport(4_100_001))) as GetCourseError;
    expect(error.kind).toBe("rate_limited");
    expect(error.retryable).toBe(false);
    expect(error.retryAfterSeconds).toBeGreaterThan(0);
    expect(setup.sim.calls.length).toBe(calls);
  });

  it("treats GetCourse's 903 as a spent budget for the whole window", async () => {
    setup.sim.behaviour.exportBudget = { limit: 1, windowMs: 60_000 };
    const budget = new ExportRequestBudget({ limit: 100 });
    const { createGetCourseClient } = await import("./client");
    const client = createGetCourseClient({
      accountUrl: setup.sim.url,
      apiKey: setup.sim.apiKey,
      techToken: setup.sim.techToken,
      exportBudget: budget,
    });
    await client.startUsersExport({ status: "active" });
    const error = (await caught(client.fetchExport(4_100_001))) as GetCourseError;
    expect(error.kind).toBe("rate_limited");
    expect(error.gcErrorCode).toBe(903);
    expect(client.remainingExportRequests()).toBe(0);
    expect(budget.remaining()).toBe(0);
  });

  it("lets the budget window slide", () => {
    let now = 0;
    const budget = new ExportRequestBudget({ limit: 2, windowMs: 1_000, now: () => now });
    expect(budget.tryTake()).toBe(true);
    now = 500;
    expect(budget.tryTake()).toBe(true);
    expect(budget.tryTake()).toBe(false);
    expect(budget.msUntilAvailable()).toBe(500);
    now = 1_001;
    expect(budget.remaining()).toBe(1);
  });

  it("answers 917 as plan_has_no_api on exports", async () => {
    setup.sim.behaviour.planHasApi = false;
    const error = (await caught(setup.client.startUsersExport({ status: "active" }))) as GetCourseError;
    expect(error.kind).toBe("plan_has_no_api");
  });
});
