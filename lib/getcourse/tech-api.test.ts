import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGetCourseClient } from "./client";
import { GetCourseError } from "./gc-error";
import { caught, startSimWithClient } from "@/lib/testing/getcourse-simulator-client";

type Setup = Awaited<ReturnType<typeof startSimWithClient>>;

describe("Tech API: user custom fields", () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSimWithClient();
    const { state } = setup.sim;
    state.addField({ title: "telegram_id", id: 11 });
    state.addField({ title: "sb_294495_id", id: 12 });
    state.addUser({ email: "anna@example.com", fields: { telegram_id: "555" } });
  });
  afterEach(() => setup.sim.close());

  it("reads the live answer (an object keyed by field id, every account field, null where empty) by e-mail and by id", async () => {
    const user = setup.sim.state.findUserByEmail("anna@example.com");
    const byEmail = await setup.client.getUserCustomFields({ email: "anna@example.com" });
    expect(byEmail).toEqual([
      { id: 11, name: "telegram_id", value: "555", type: "string", units: "" },
      { id: 12, name: "sb_294495_id", value: null, type: "string", units: "" },
    ]);
    const byId = await setup.client.getUserCustomFields({ userId: user?.id ?? 0 });
    expect(byId).toEqual(byEmail);
    const call = setup.sim.calls.at(-1);
    expect(call?.headers.authorization).toBe(`Bearer ${setup.sim.techToken}`);
  });

  it("reads the published schema's array too, where entries carry no id", async () => {
    setup.sim.behaviour.customFieldsShape = "published_array";
    const fields = await setup.client.getUserCustomFields({ email: "anna@example.com" });
    expect(fields).toEqual([
      { id: undefined, name: "telegram_id", value: "555", type: "string", units: "" },
      { id: undefined, name: "sb_294495_id", value: "", type: "string", units: "" },
    ]);
  });

  it.each(["echo_by_name", "published_array", "result_flag"] as const)(
    "updates fields by numeric id whatever the success answer (%s)",
    async (answer) => {
      setup.sim.behaviour.updateFieldsAnswer = answer;
      await setup.client.updateUserCustomFields({ email: "anna@example.com" }, { 11: "777", 12: 42 });
      const anna = setup.sim.state.findUserByEmail("anna@example.com")!;
      expect(setup.sim.state.userFieldValue(anna, "telegram_id")).toBe("777");
      expect(setup.sim.state.userFieldValue(anna, "sb_294495_id")).toBe("42");
    },
  );

  it("reads the user id from get-fields and the staff from get-personal-managers", async () => {
    const anna = setup.sim.state.findUserByEmail("anna@example.com")!;
    expect((await setup.client.getUser({ email: "anna@example.com" })).id).toBe(anna.id);
    const managers = await setup.client.getPersonalManagers();
    expect(managers.map((manager) => manager.email)).toEqual(["owner@school.example"]);
  });

  it("reports an unknown user as not_found", async () => {
    const error = await caught(setup.client.getUserCustomFields({ email: "nobody@example.com" }));
    expect(error).toBeInstanceOf(GetCourseError);
    expect((error as GetCourseError).kind).toBe("not_found");
    expect((error as GetCourseError).retryable).toBe(false);
  });

  it("reads errors sent as HTTP 200 with status false", async () => {
    setup.sim.behaviour.techErrorsWithHttp200 = true;
    const error = (await caught(setup.client.getUserCustomFields({ userId: 1 }))) as GetCourseError;
    expect(error.kind).toBe("not_found");
    expect(error.status).toBe(200);
  });

  it("rejects an unknown field id with GetCourse's data error", async () => {
    const error = (await caught(
      setup.client.updateUserCustomFields({ email: "anna@example.com" }, { 999: "x" }),
    )) as GetCourseError;
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("Ошибка данных");
  });

  it("fails auth on a wrong token without retrying and without leaking it", async () => {
    const badClient = createGetCourseClient({
      accountUrl: setup.sim.url,
      apiKey: setup.sim.apiKey,
      techToken: "leakydevkey_leakyschoolkey",
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    });
    const before = setup.sim.calls.length;
    const error = (await caught(badClient.getUserCustomFields({ email: "anna@example.com" }))) as GetCourseError;
    expect(error.kind).toBe("auth_failed");
    expect(setup.sim.calls.length - before).toBe(1);
    expect(error.message).not.toContain("leakydevkey");
    expect(error.message).not.toContain("leakyschoolkey");
  });
});
