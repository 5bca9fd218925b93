import { afterEach, describe, expect, test } from "vitest";
import { POST } from "@/app/api/link/route";
import { db } from "@/lib/db";
import type { GetCourseKeyMode, UnknownEmailPolicy } from "@/lib/getcourse";
import type { SimulatorBehaviour } from "@/lib/simulators/getcourse/simulator";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import { FIELD_SALEBOT, FIELD_TELEGRAM, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";

/**
 * Issue 12: the link flow against GetCourse as it answers live and as its published schema says,
 * with a Tech API token and with the school key alone.
 */

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims | undefined;
let nextClientId = 40_000;

afterEach(async () => {
  await sims?.close();
  sims = undefined;
});

async function start(
  keyMode: GetCourseKeyMode,
  gcBehaviour: Partial<SimulatorBehaviour> = {},
  unknownEmail: UnknownEmailPolicy = "refuse",
) {
  sims = await startSimulatedIntegrations({ keyMode, gcBehaviour, unknownEmail });
  return sims;
}

function client(s: Sims, email?: string) {
  const id = nextClientId++;
  s.sbSim.state.addClient({ id, platformId: String(7_000_000 + id) });
  return { email: email ?? `mode${id}@school.test`, telegram_id: String(7_000_000 + id), sb_id: String(id) };
}

async function link(body: Record<string, string>) {
  const response = await POST(
    new Request("http://hub.test/api/link", {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_LINK_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
  return (await response.json()) as { success: boolean; error?: string };
}

const MODES: Array<[string, GetCourseKeyMode, Partial<SimulatorBehaviour>]> = [
  ["Tech API, live answers", "tech_api", {}],
  [
    "Tech API, published-schema answers",
    "tech_api",
    { customFieldsShape: "published_array", updateFieldsAnswer: "published_array" },
  ],
  ["Tech API, {result: true} on writes", "tech_api", { updateFieldsAnswer: "result_flag" }],
  ["school key only", "school_key", {}],
];

describe.each(MODES)("linking with %s", (_label, keyMode, behaviour) => {
  test("writes both keys, stores the link with the GetCourse user id, and logs the attempt", async () => {
    const s = await start(keyMode, behaviour);
    const c = client(s);
    const user = s.gcSim.state.addUser({ email: c.email });
    expect(await link(c)).toEqual({ success: true });
    expect(s.gcSim.state.userFieldValue(user, FIELD_TELEGRAM)).toBe(c.telegram_id);
    expect(s.gcSim.state.userFieldValue(user, FIELD_SALEBOT)).toBe(c.sb_id);
    const stored = await db.link.findFirstOrThrow({ where: { sbClientId: c.sb_id } });
    expect(stored.gcUserId).toBe(String(user.id));
    expect(s.sbSim.state.variablesOf(Number(c.sb_id))).toMatchObject({ email: c.email, gc_user_id: String(user.id) });
    const usedTech = s.gcSim.calls.some((call) => call.path.startsWith("/pl/api/v1/"));
    expect(usedTech).toBe(keyMode === "tech_api");
  });

  test("a custom field the account lacks is a field error, and nothing is written", async () => {
    const s = await start(keyMode, behaviour);
    s.gcSim.state.fields.splice(
      s.gcSim.state.fields.findIndex((field) => field.title === FIELD_SALEBOT),
      1,
    );
    const c = client(s);
    const user = s.gcSim.state.addUser({ email: c.email });
    expect(await link(c)).toMatchObject({ success: false, error: "field_salebot_id_not_found" });
    expect(s.gcSim.state.userFieldValue(user, FIELD_TELEGRAM)).toBe("");
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(0);
  });
});

describe("an e-mail GetCourse does not know", () => {
  test("Tech API, refusing: user_not_found and no GetCourse user is created", async () => {
    const s = await start("tech_api");
    const c = client(s);
    expect(await link(c)).toMatchObject({ success: false, error: "user_not_found" });
    expect(s.gcSim.state.findUserByEmail(c.email)).toBeUndefined();
  });

  test("Tech API, creating: a new GetCourse user carries both keys", async () => {
    const s = await start("tech_api", {}, "create");
    const c = client(s);
    expect(await link(c)).toEqual({ success: true });
    const created = s.gcSim.state.findUserByEmail(c.email);
    expect(created && s.gcSim.state.userFieldValue(created, FIELD_SALEBOT)).toBe(c.sb_id);
  });

  test("school key only: the import cannot ask first, so the user is created (Settings says which key refusing needs)", async () => {
    const s = await start("school_key");
    const c = client(s);
    expect(await link(c)).toEqual({ success: true });
    expect(s.gcSim.state.findUserByEmail(c.email)).toBeDefined();
  });
});
