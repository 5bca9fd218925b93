import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGetCourseClient } from "./client";
import { userFieldsById } from "./fields";
import { GetCourseError } from "./gc-error";
import { caught, FAST_RETRY, startSimWithClient } from "@/lib/testing/getcourse-simulator-client";
import { MissingFieldsError } from "./user-keys";

type Setup = Awaited<ReturnType<typeof startSimWithClient>>;

describe("custom fields by name (the seed's flow)", () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSimWithClient();
    const { state } = setup.sim;
    state.addField({ title: "telegram_id", id: 21 });
    state.addField({ title: "sb_294495_id", id: 22 });
    state.addField({ title: "telegram_id", id: 23, context: "deal" });
    state.addUser({ email: "anna@example.com", fields: { telegram_id: "555" } });
  });
  afterEach(() => setup.sim.close());

  it("reads the field dictionary", async () => {
    const dictionary = await setup.client.getFieldDictionary();
    expect(dictionary).toEqual([
      { id: 21, title: "telegram_id", type: "string", required: false, contextType: "user", orderPosition: 1 },
      { id: 22, title: "sb_294495_id", type: "string", required: false, contextType: "user", orderPosition: 2 },
      { id: 23, title: "telegram_id", type: "string", required: false, contextType: "deal", orderPosition: 3 },
    ]);
  });

  it("caches the dictionary because it spends the export budget", async () => {
    const before = setup.client.remainingExportRequests();
    await setup.client.getFieldDictionary();
    await setup.client.getFieldDictionary();
    expect(before - setup.client.remainingExportRequests()).toBe(1);
    await setup.client.getFieldDictionary({ fresh: true });
    expect(before - setup.client.remainingExportRequests()).toBe(2);
  });

  it("builds the seed's getUserFields shape from the live answer without the dictionary", async () => {
    const before = setup.client.remainingExportRequests();
    const fields = await setup.client.getUserFields({ email: "anna@example.com" });
    expect(fields.custom).toEqual({
      "21": { name: "telegram_id", value: "555", type: "string", units: "" },
      "22": { name: "sb_294495_id", value: null, type: "string", units: "" },
    });
    expect(setup.client.remainingExportRequests()).toBe(before);
    expect(userFieldsById([], [])).toEqual({ custom: {} });
  });

  it("joins the published array with the dictionary for ids", async () => {
    setup.sim.behaviour.customFieldsShape = "published_array";
    const fields = await setup.client.getUserFields({ email: "anna@example.com" });
    expect(Object.keys(fields.custom)).toEqual(["21", "22"]);
  });

  it("finds ids case-insensitively and writes by name, spending no export budget on the live shape", async () => {
    const before = setup.client.remainingExportRequests();
    const result = await setup.client.setUserFieldsByName(
      { email: "anna@example.com" },
      { Telegram_ID: "999", sb_294495_id: "77" },
    );
    expect(result.written).toBe(true);
    const user = setup.sim.state.findUserByEmail("anna@example.com")!;
    expect(setup.sim.state.userFieldValue(user, "telegram_id")).toBe("999");
    expect(setup.sim.state.userFieldValue(user, "sb_294495_id")).toBe("77");
    expect(setup.client.remainingExportRequests()).toBe(before);
  });

  it.each(["live_object", "published_array"] as const)(
    "reports fields the account does not define and writes nothing (%s)",
    async (shape) => {
      setup.sim.behaviour.customFieldsShape = shape;
      const lookup = await setup.client.lookupUserFields({ email: "anna@example.com" }, [
        "telegram_id",
        "sb_294495_id",
        "sb_1_id",
      ]);
      expect(lookup.ids).toEqual({ telegram_id: 21, sb_294495_id: 22 });
      expect(lookup.values.telegram_id).toBe("555");
      expect(lookup.missing).toEqual([{ name: "sb_1_id", reason: "not_in_dictionary" }]);
      const result = await setup.client.setUserFieldsByName(
        { email: "anna@example.com" },
        { telegram_id: "1", sb_1_id: "2" },
      );
      expect(result.written).toBe(false);
      expect(setup.sim.state.userFieldValue(setup.sim.state.findUserByEmail("anna@example.com")!, "telegram_id")).toBe(
        "555",
      );
    },
  );

  it("passes a missing user through as not_found", async () => {
    const error = (await caught(
      setup.client.lookupUserFields({ email: "ghost@example.com" }, ["telegram_id"]),
    )) as GetCourseError;
    expect(error.kind).toBe("not_found");
  });

  it("tells which fields the account defines from a personal manager's answer, else from the dictionary", async () => {
    const before = setup.client.remainingExportRequests();
    const defined = await setup.client.definedUserFields(["telegram_id", "sb_1_id"]);
    expect(defined).toEqual({ ids: { telegram_id: 21 }, missing: ["sb_1_id"], source: "tech_answer" });
    expect(setup.client.remainingExportRequests()).toBe(before);
    setup.sim.behaviour.personalManagers = false;
    const fromDictionary = await setup.client.definedUserFields(["telegram_id"], { fresh: true });
    expect(fromDictionary.source).toBe("dictionary");
  });
});

describe("user keys in both modes (issue 12)", () => {
  let setup: Setup;
  beforeEach(async () => {
    setup = await startSimWithClient();
    setup.sim.state.addField({ title: "telegram_id", id: 31 });
    setup.sim.state.addField({ title: "sb_7_id", id: 32 });
    setup.sim.state.addUser({ email: "anna@example.com" });
  });
  afterEach(() => setup.sim.close());

  const schoolKeyClient = () =>
    createGetCourseClient({ accountUrl: setup.sim.url, apiKey: setup.sim.apiKey, timeoutMs: 1_000, retry: FAST_RETRY });

  it("Tech API: writes both fields by id and answers the user id from get-fields", async () => {
    const anna = setup.sim.state.findUserByEmail("anna@example.com")!;
    const written = await setup.client.writeUserKeys(
      "anna@example.com",
      { telegram_id: "42", sb_7_id: "9" },
      { policy: "refuse" },
    );
    expect(written).toEqual({ gcUserId: anna.id, created: false });
    expect(setup.sim.state.userFieldValue(anna, "sb_7_id")).toBe("9");
    expect(setup.sim.calls.map((call) => call.path)).not.toContain("/pl/api/account/fields");
  });

  it("Tech API: refuses an unknown e-mail, or creates it through the import when told to", async () => {
    const refused = (await caught(
      setup.client.writeUserKeys("new@example.com", { sb_7_id: "9" }, { policy: "refuse" }),
    )) as GetCourseError;
    expect(refused.kind).toBe("not_found");
    expect(setup.sim.state.findUserByEmail("new@example.com")).toBeUndefined();
    const created = await setup.client.writeUserKeys("new@example.com", { sb_7_id: "9" }, { policy: "create" });
    expect(created.created).toBe(true);
    expect(setup.sim.state.userFieldValue(setup.sim.state.findUserByEmail("new@example.com")!, "sb_7_id")).toBe("9");
  });

  it("school key only: writes by field name through the import and reads the id from its answer", async () => {
    const client = schoolKeyClient();
    expect(client.keyMode).toBe("school_key");
    const anna = setup.sim.state.findUserByEmail("anna@example.com")!;
    const written = await client.writeUserKeys(
      "anna@example.com",
      { telegram_id: "42", sb_7_id: "9" },
      { policy: "refuse" },
    );
    expect(written.gcUserId).toBe(anna.id);
    expect(setup.sim.state.userFieldValue(anna, "telegram_id")).toBe("42");
    expect(setup.sim.calls.some((call) => call.path.startsWith("/pl/api/v1/"))).toBe(false);
  });

  it("school key only: a field the account lacks is refused before anything is written", async () => {
    const client = schoolKeyClient();
    const error = await caught(
      client.writeUserKeys("anna@example.com", { sb_8_id: "9" }, { policy: "create", alsoRequire: ["telegram_id"] }),
    );
    expect(error).toBeInstanceOf(MissingFieldsError);
    expect((error as MissingFieldsError).fields).toEqual(["sb_8_id"]);
    expect(setup.sim.calls.some((call) => call.path === "/pl/api/users")).toBe(false);
  });

  it("reads values for a relink preview in the Tech mode and says they are unknown with the school key", async () => {
    await setup.client.writeUserKeys("anna@example.com", { sb_7_id: "9" }, { policy: "refuse" });
    expect(await setup.client.readUserKeys("anna@example.com", ["sb_7_id"])).toEqual({
      exists: true,
      values: { sb_7_id: "9" },
      missing: [],
    });
    expect(await setup.client.readUserKeys("ghost@example.com", ["sb_7_id"])).toMatchObject({ exists: false });
    expect(await schoolKeyClient().readUserKeys("anna@example.com", ["sb_7_id"])).toEqual({
      exists: null,
      values: { sb_7_id: null },
      missing: [],
    });
  });

  it("clears only fields that hold a value", async () => {
    await setup.client.writeUserKeys("anna@example.com", { sb_7_id: "9" }, { policy: "refuse" });
    await setup.client.clearUserKeys("anna@example.com", ["telegram_id", "sb_7_id"]);
    expect(setup.sim.state.userFieldValue(setup.sim.state.findUserByEmail("anna@example.com")!, "sb_7_id")).toBe("");
  });
});
