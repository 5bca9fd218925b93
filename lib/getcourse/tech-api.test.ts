import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGetCourseClient } from "./client";
import { GetCourseError } from "./gc-error";
import { caught, startSimWithClient } from "./test-support";

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

  it("reads a user's fields by e-mail and by user id", async () => {
    const user = setup.sim.state.findUserByEmail("anna@example.com");
    const byEmail = await setup.client.getUserCustomFields({ email: "anna@example.com" });
    expect(byEmail).toEqual([
      { name: "telegram_id", value: "555", type: "string", units: "" },
      { name: "sb_294495_id", value: "", type: "string", units: "" },
    ]);
    const byId = await setup.client.getUserCustomFields({ userId: user?.id ?? 0 });
    expect(byId).toEqual(byEmail);
    const call = setup.sim.calls.at(-1);
    expect(call?.headers.authorization).toBe(`Bearer ${setup.sim.techToken}`);
  });

  it("updates fields by numeric id and answers the new values", async () => {
    const fields = await setup.client.updateUserCustomFields({ email: "anna@example.com" }, { 11: "777", 12: 42 });
    expect(fields.map((field) => field.value)).toEqual(["777", "42"]);
    expect(setup.sim.state.userFieldValue(setup.sim.state.findUserByEmail("anna@example.com")!, "sb_294495_id")).toBe("42");
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
    const error = (await caught(setup.client.updateUserCustomFields({ email: "anna@example.com" }, { 999: "x" }))) as GetCourseError;
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
