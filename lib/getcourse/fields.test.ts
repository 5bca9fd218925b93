import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { userFieldsById } from "./fields";
import { GetCourseError } from "./gc-error";
import { caught, startSimWithClient } from "./test-support";

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

  it("builds the seed's getUserFields shape: field id → {name, value, type, units}", async () => {
    const fields = await setup.client.getUserFields({ email: "anna@example.com" });
    expect(fields.custom).toEqual({
      "21": { name: "telegram_id", value: "555", type: "string", units: "" },
      "22": { name: "sb_294495_id", value: "", type: "string", units: "" },
    });
    expect(userFieldsById([], [])).toEqual({ custom: {} });
  });

  it("finds ids case-insensitively and writes by name", async () => {
    const result = await setup.client.setUserFieldsByName({ email: "anna@example.com" }, { Telegram_ID: "999", "sb_294495_id": "77" });
    expect(result.written).toBe(true);
    const user = setup.sim.state.findUserByEmail("anna@example.com")!;
    expect(setup.sim.state.userFieldValue(user, "telegram_id")).toBe("999");
    expect(setup.sim.state.userFieldValue(user, "sb_294495_id")).toBe("77");
  });

  it("reports fields missing from the dictionary or from the user, and writes nothing", async () => {
    setup.sim.behaviour.userFieldsListing = "with_value";
    const lookup = await setup.client.lookupUserFields({ email: "anna@example.com" }, ["telegram_id", "sb_294495_id", "sb_1_id"]);
    expect(lookup.ids).toEqual({ telegram_id: 21 });
    expect(lookup.values).toEqual({ telegram_id: "555" });
    expect(lookup.missing).toEqual([
      { name: "sb_294495_id", reason: "not_on_user" },
      { name: "sb_1_id", reason: "not_in_dictionary" },
    ]);
    const result = await setup.client.setUserFieldsByName({ email: "anna@example.com" }, { telegram_id: "1", sb_1_id: "2" });
    expect(result.written).toBe(false);
    expect(setup.sim.state.userFieldValue(setup.sim.state.findUserByEmail("anna@example.com")!, "telegram_id")).toBe("555");
  });

  it("passes a missing user through as not_found", async () => {
    const error = (await caught(setup.client.lookupUserFields({ email: "ghost@example.com" }, ["telegram_id"]))) as GetCourseError;
    expect(error.kind).toBe("not_found");
  });
});
