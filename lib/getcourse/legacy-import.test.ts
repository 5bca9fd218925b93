import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGetCourseClient } from "./client";
import { GetCourseError } from "./gc-error";
import { caught, startSimWithClient } from "@/lib/testing/getcourse-simulator-client";

type Setup = Awaited<ReturnType<typeof startSimWithClient>>;

describe("Legacy import", () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSimWithClient();
    setup.sim.state.addField({ title: "telegram_id" });
  });
  afterEach(() => setup.sim.close());

  it("creates a user and returns the GC user id from result.user_id", async () => {
    const result = await setup.client.importUser({
      user: { email: "new@example.com", first_name: "Анна", addfields: { telegram_id: "123" } },
      session: { utm_source: "telegram" },
    });
    const stored = setup.sim.state.findUserByEmail("new@example.com");
    expect(result).toEqual({ userId: stored?.id, userStatus: "added" });
    expect(setup.sim.state.userFieldValue(stored!, "telegram_id")).toBe("123");
    expect(stored?.utm.utm_source).toBe("telegram");
    // Form-encoded, key in the body, params as base64 JSON.
    const call = setup.sim.calls.at(-1);
    expect(call?.headers["content-type"]).toContain("application/x-www-form-urlencoded");
    expect(call?.params.action).toBe("add");
    expect(JSON.parse(Buffer.from(String(call?.params.params), "base64").toString("utf8")).user.email).toBe(
      "new@example.com",
    );
    expect(call?.query.get("key")).toBeNull();
  });

  it("updates an existing user's fields only with refresh_if_exists", async () => {
    const user = setup.sim.state.addUser({ email: "old@example.com", fields: { telegram_id: "1" } });
    setup.sim.behaviour.existingUserStatus = "updated";
    const untouched = await setup.client.importUser({
      user: { email: "old@example.com", addfields: { telegram_id: "2" } },
    });
    expect(untouched).toEqual({ userId: user.id, userStatus: "updated" });
    expect(setup.sim.state.userFieldValue(user, "telegram_id")).toBe("1");
    await setup.client.importUser({
      user: { email: "old@example.com", addfields: { telegram_id: "2" } },
      system: { refresh_if_exists: "1" },
    });
    expect(setup.sim.state.userFieldValue(user, "telegram_id")).toBe("2");
    const sent = JSON.parse(Buffer.from(String(setup.sim.calls.at(-1)?.params.params), "base64").toString("utf8"));
    expect(sent.system).toEqual({ refresh_if_exists: 1 });
  });

  it.each(["string", "number", "boolean"] as const)("reads flags sent as %s", async (style) => {
    setup.sim.behaviour.answerFlagsAs = style;
    const result = await setup.client.importUser({ user: { email: `flags-${style}@example.com` } });
    expect(result.userStatus).toBe("added");
    setup.sim.behaviour.answerFlagsAs = style;
    const error = (await caught(setup.client.importUser({ user: { first_name: "Никто" } }))) as GetCourseError;
    expect(error.kind).toBe("rejected");
  });

  it("treats outer success with result.error as a failure (the documented quirk)", async () => {
    const error = (await caught(setup.client.importUser({ user: { first_name: "Без почты" } }))) as GetCourseError;
    expect(error).toBeInstanceOf(GetCourseError);
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("Не указан ни эл. адрес, ни телефон");
    expect(setup.sim.state.users).toHaveLength(0);
  });

  it("maps a wrong key to auth_failed without retrying or leaking the key", async () => {
    const client = createGetCourseClient({
      accountUrl: setup.sim.url,
      apiKey: "wrong-secret-key-123",
      techToken: setup.sim.techToken,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    });
    const before = setup.sim.calls.length;
    const error = (await caught(client.importUser({ user: { email: "x@example.com" } }))) as GetCourseError;
    expect(error.kind).toBe("auth_failed");
    expect(error.message).toContain("Неавторизованное API-обращение");
    expect(error.message).not.toContain("wrong-secret-key-123");
    expect(setup.sim.calls.length - before).toBe(1);
  });

  it("reports an empty answer as a plan without API", async () => {
    setup.sim.behaviour.planHasApi = false;
    const error = (await caught(setup.client.importUser({ user: { email: "x@example.com" } }))) as GetCourseError;
    expect(error.kind).toBe("plan_has_no_api");
  });

  it("reports the monthly creation limit as rejected", async () => {
    setup.sim.behaviour.creationLimit = 0;
    const error = (await caught(setup.client.importUser({ user: { email: "x@example.com" } }))) as GetCourseError;
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("Достигнут лимит");
  });

  it("creates a deal, then edits it by deal_number", async () => {
    const created = await setup.client.importDeal({
      user: { email: "buyer@example.com" },
      deal: { offer_code: "course-1", product_title: "Курс", deal_cost: 14900 },
      system: { return_deal_number: true, return_payment_link: 1 },
    });
    const deal = setup.sim.state.getDeal(created.dealId);
    expect(deal?.status).toBe("new");
    expect(created.dealNumber).toBe(deal?.number);
    expect(created.paymentLink).toContain(`/id/${created.dealId}`);
    expect(created.userId).toBe(setup.sim.state.findUserByEmail("buyer@example.com")?.id);
    expect(setup.client.dealCardUrl(created.dealId)).toBe(
      `${setup.sim.url}/sales/control/deal/update/id/${created.dealId}`,
    );

    const edited = await setup.client.importDeal({
      user: { email: "buyer@example.com" },
      deal: { deal_number: created.dealNumber, deal_is_paid: "true" },
    });
    expect(edited.dealId).toBe(created.dealId);
    expect(edited.dealNumber).toBe("");
    expect(setup.sim.state.getDeal(created.dealId)).toMatchObject({ status: "payed", payedMoney: 14900 });
  });

  it("rejects a deal without an offer or cost", async () => {
    const error = (await caught(
      setup.client.importDeal({ user: { email: "b@example.com" }, deal: { product_title: "Курс" } }),
    )) as GetCourseError;
    expect(error.kind).toBe("rejected");
  });
});
