import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { HttpError } from "@/lib/http";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
});

// The server actions read the session through next-auth and the locale through next/headers;
// here the session is whoever `sessionUserId` names.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (original) => ({
  ...(await original<typeof import("next-auth")>()),
  getServerSession: async () => (session.userId ? { user: { id: session.userId, sessionVersion: 0 } } : null),
}));
vi.mock("next/headers", () => ({
  cookies: async () => ({ get: () => undefined }),
  headers: async () => new Headers(),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { saveFieldsAction, rotateTokenAction, testConnectionAction } =
  await import("@/app/(dashboard)/settings/actions");
const { guards } = await import("@/lib/auth/tokens");
const { signedInAs } = await import("@/lib/auth/test-session");
const { db } = await import("@/lib/db");
const { getIntegrations, currentIntegrationConfig, installIntegrations } = await import("@/lib/integrations");
const { TEST_LINK_TOKEN } = await import("@/lib/testing/database-per-file");
const { startSimulatedIntegrations, TEST_PROJECT_ID, FIELD_TELEGRAM } =
  await import("@/lib/testing/simulated-integrations");
const { getOverview } = await import("@/lib/queries/overview");
const { loadSettingsIntoProcess } = await import("./load");
const { saveIntegrationSettings, readStoredIntegrations } = await import("./integration-settings");
const { rotateApiToken } = await import("./api-tokens");
const { setTokenOverrides } = await import("./token-cache");
const { testGetCourse, testSalebot } = await import("./connection-test");

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let admin: { id: string; email: string };

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  admin = (await signedInAs("admin")).user;
});

afterAll(async () => {
  setTokenOverrides(undefined);
  await sims.close();
});

const linkRequest = (token: string) =>
  new Request(`http://hub.local/api/link?token=${encodeURIComponent(token)}`, { method: "POST" });

describe("integration settings", () => {
  test("saved over the environment, secrets sealed and audited masked; getIntegrations() uses them", async () => {
    await saveIntegrationSettings(admin, {
      getcourse: { accountUrl: sims.gcSim.url, apiKey: sims.gcSim.apiKey, techToken: sims.gcSim.techToken },
      salebot: {
        apiUrl: sims.sbSim.apiUrl,
        apiKey: sims.sbSim.apiKey,
        projectId: TEST_PROJECT_ID,
        botUsername: "@school_bot",
      },
      fields: { telegram: "tg_saved" },
    });

    const row = await db.setting.findUniqueOrThrow({ where: { key: "integrations" } });
    expect(JSON.stringify(row.value)).not.toContain(sims.gcSim.apiKey);
    expect(JSON.stringify(row.value)).not.toContain(sims.sbSim.apiKey);

    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "settings.update", target: "integrations" },
      orderBy: { id: "desc" },
    });
    expect(audit.actorEmail).toBe(admin.email);
    const logged = JSON.stringify([audit.before, audit.after]);
    expect(logged).not.toContain(sims.gcSim.apiKey);
    expect(logged).not.toContain(sims.gcSim.techToken);
    expect(audit.after).toMatchObject({
      "fields.telegram": "tg_saved",
      "getcourse.accountUrl": sims.gcSim.url,
      "salebot.0.botUsername": "school_bot",
    });
    expect((audit.after as Record<string, string>)["getcourse.apiKey"]).toMatch(/^••••/);

    // Another process starting up reads the same: load from the database, not from memory.
    installIntegrations(undefined);
    await loadSettingsIntoProcess();
    const integrations = getIntegrations();
    expect(integrations.fields).toEqual({ telegram: "tg_saved", salebot: `sb_${TEST_PROJECT_ID}_id` });
    expect(integrations.projectId).toBe(TEST_PROJECT_ID);
    expect(integrations.gc.accountUrl).toBe(sims.gcSim.url.replace(/\/+$/, ""));
    await expect(integrations.sb.getClients({ limit: 1 })).resolves.toBeInstanceOf(Array);
  });

  test("an empty secret keeps the stored one; clearing a field returns to the environment", async () => {
    const before = await readStoredIntegrations();
    await saveIntegrationSettings(admin, { getcourse: { apiKey: undefined }, fields: { telegram: "" } });
    const after = await readStoredIntegrations();
    expect(after.getcourse.apiKey).toEqual(before.getcourse.apiKey);
    expect(after.fields.telegram).toBeNull();
    expect(currentIntegrationConfig().fields.telegram).toBe("telegram_id");
  });

  test("invalid input is refused", async () => {
    await expect(saveIntegrationSettings(admin, { salebot: { projectId: "abc" } })).rejects.toThrow(
      /numeric Salebot project id/,
    );
  });
});

describe("test connection", () => {
  test("ok against the simulators", async () => {
    await saveIntegrationSettings(admin, { fields: { telegram: FIELD_TELEGRAM } });
    const gc = await testGetCourse(currentIntegrationConfig());
    expect(gc).toMatchObject({ verdict: "ok" });
    expect(gc.checks.map((check) => [check.check, check.verdict])).toEqual([
      ["sample_user", "ok"],
      ["legacy_api", "ok"],
    ]);
    // The real path: a personal manager read with the link path's own call.
    expect(sims.gcSim.calls.some((call) => call.path === "/pl/api/v1/common/get-personal-managers")).toBe(true);
    expect(await testSalebot(currentIntegrationConfig())).toMatchObject({ verdict: "ok" });
  });

  test("a missing field is named, from the Tech answer and, with the school key alone, from the dictionary", async () => {
    const config = { ...currentIntegrationConfig(), fields: { telegram: "no_such_field" } };
    expect((await testGetCourse(config)).checks).toContainEqual(
      expect.objectContaining({ check: "fields", verdict: "missing_fields", detail: "no_such_field" }),
    );
    const schoolKeyOnly = { ...config, getcourse: { ...config.getcourse, techToken: undefined } };
    const report = await testGetCourse(schoolKeyOnly);
    expect(report.checks).toEqual([
      expect.objectContaining({ check: "fields", verdict: "missing_fields", detail: "no_such_field" }),
    ]);
  });

  test("an answer that does not parse is kept for admins, secrets redacted, one row per call", async () => {
    const { listUpstreamSamples, recordUpstreamSample } = await import("./upstream-samples");
    const sample = {
      service: "getcourse" as const,
      call: "tech.get-custom-fields",
      message: "unexpected answer for s3cr3t-key",
      secrets: ["s3cr3t-key"],
    };
    await recordUpstreamSample({ ...sample, body: { data: "nonsense", key: "anything", echo: "s3cr3t-key" } });
    await recordUpstreamSample({ ...sample, body: { data: "second" } });
    const [kept] = (await listUpstreamSamples()).filter((row) => row.call === "getcourse:tech.get-custom-fields");
    expect(kept).toMatchObject({ count: 2, message: "unexpected answer for ***" });
    expect(kept?.body).toContain('"data": "<text, 6 chars>"');
    await recordUpstreamSample({ ...sample, body: { data: "third", key: "k", echo: "s3cr3t-key" } });
    const [latest] = (await listUpstreamSamples()).filter((row) => row.call === "getcourse:tech.get-custom-fields");
    // The shape only: no value reaches the page, secret or not.
    expect(latest?.body).not.toContain("s3cr3t-key");
    expect(latest?.body).not.toContain("third");
    expect(latest?.body).toContain('"key": "<text, 1 chars>"');
  });

  test("the field check is kept for Settings: missing fields named, then all present", async () => {
    const { checkGetCourseFields, lastFieldCheck } = await import("./field-check");
    const config = currentIntegrationConfig();
    await checkGetCourseFields({ ...config, fields: { telegram: "no_such_field" } });
    expect(await lastFieldCheck()).toMatchObject({ missing: ["no_such_field"], source: "tech_answer", error: null });
    await checkGetCourseFields(config);
    expect(await lastFieldCheck()).toMatchObject({
      missing: [],
      required: [FIELD_TELEGRAM, config.salebot[0]?.salebotField],
    });
    const schoolKeyOnly = { ...config, getcourse: { ...config.getcourse, techToken: undefined } };
    expect(await checkGetCourseFields(schoolKeyOnly)).toMatchObject({ source: "dictionary", missing: [] });
  });

  test("the unknown-e-mail policy is a saved, audited setting", async () => {
    await saveIntegrationSettings(admin, { getcourse: { unknownEmail: "create" } });
    expect(currentIntegrationConfig().getcourse.unknownEmail).toBe("create");
    expect((await readStoredIntegrations()).getcourse.unknownEmail).toBe("create");
    await saveIntegrationSettings(admin, { getcourse: { unknownEmail: "refuse" } });
    expect(currentIntegrationConfig().getcourse.unknownEmail).toBe("refuse");
  });

  test("not configured says what is missing", async () => {
    const config = { ...currentIntegrationConfig(), getcourse: {} };
    expect(await testGetCourse(config)).toMatchObject({
      verdict: "not_configured",
      checks: [{ detail: "account URL, secret key (or Tech API token)" }],
    });
  });

  test("an admin's action answers the verdict; a stopped simulator is unreachable", async () => {
    session.userId = admin.id;
    expect(await testConnectionAction("salebot")).toMatchObject({ verdict: "ok" });
    const stopped = await startSimulatedIntegrations();
    const config = {
      ...currentIntegrationConfig(),
      getcourse: { accountUrl: stopped.gcSim.url, apiKey: "k", techToken: "t" },
    };
    const project = config.salebot[0];
    await stopped.close();
    installIntegrations(undefined);
    expect((await testGetCourse(config)).verdict).toBe("unreachable");
    expect(
      (await testSalebot({ ...config, salebot: project ? [{ ...project, apiUrl: stopped.sbSim.apiUrl }] : [] }))
        .verdict,
    ).toBe("unreachable");
  });
});

describe("tokens", () => {
  test("rotating replaces the environment's link token; the new one is shown once and stored sealed", async () => {
    expect(guards.linkToken(linkRequest(TEST_LINK_TOKEN))).toEqual({ kind: "token", scope: "link" });
    const token = await rotateApiToken(admin, "link");
    expect(() => guards.linkToken(linkRequest(TEST_LINK_TOKEN))).toThrow(HttpError);
    expect(guards.linkToken(linkRequest(token))).toEqual({ kind: "token", scope: "link" });

    const row = await db.setting.findUniqueOrThrow({ where: { key: "api_tokens" } });
    expect(JSON.stringify(row.value)).not.toContain(token);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "settings.rotate_token" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(token);
    expect(audit.after).toEqual({ link: `••••${token.slice(-4)}` });

    // A restarted process accepts the rotated token too.
    setTokenOverrides(undefined);
    await loadSettingsIntoProcess();
    expect(() => guards.linkToken(linkRequest(TEST_LINK_TOKEN))).toThrow(HttpError);
    expect(guards.linkToken(linkRequest(token))).toEqual({ kind: "token", scope: "link" });
  });

  test("the rotate action answers the new token for an admin", async () => {
    session.userId = admin.id;
    const form = new FormData();
    form.set("kind", "read");
    const state = await rotateTokenAction({ status: "idle" }, form);
    expect(state).toMatchObject({ status: "ok" });
    const token = state.status === "ok" ? (state.secret ?? "") : "";
    expect(
      guards.readToken(new Request("http://hub.local/api/x", { headers: { authorization: `Bearer ${token}` } })),
    ).toEqual({ kind: "token", scope: "read" });
  });
});

describe("permissions", () => {
  test("a staff member's settings action is refused and changes nothing", async () => {
    const staff = (await signedInAs("staff")).user;
    session.userId = staff.id;
    const form = new FormData();
    form.set("telegram", "staff_was_here");
    expect(await saveFieldsAction({ status: "idle" }, form)).toEqual({
      status: "error",
      message: "Нет прав на это действие.",
    });
    await expect(testConnectionAction("getcourse")).rejects.toMatchObject({ status: 403 });
    expect((await readStoredIntegrations()).fields.telegram).not.toBe("staff_was_here");
    session.userId = null;
    expect(await saveFieldsAction({ status: "idle" }, form)).toMatchObject({
      status: "error",
      message: expect.stringContaining("войдите снова"),
    });
  });

  test("an admin's form save works", async () => {
    session.userId = admin.id;
    const form = new FormData();
    form.set("telegram", "tg_from_form");
    expect(await saveFieldsAction({ status: "idle" }, form)).toMatchObject({ status: "ok" });
    expect(currentIntegrationConfig().fields.telegram).toBe("tg_from_form");
  });
});

describe("overview", () => {
  test("counts seeded rows in the school's days", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 10 * 86_400_000);
    await db.link.createMany({
      data: [
        { projectId: "1", sbClientId: "1", email: "a@x.ru", gcUserId: "g1", source: "bot", linkedAt: now },
        {
          projectId: "1",
          sbClientId: "2",
          email: "b@x.ru",
          gcUserId: "g2",
          source: "bot",
          linkedAt: new Date(now.getTime() - 3 * 86_400_000),
        },
        { projectId: "1", sbClientId: "3", email: "c@x.ru", gcUserId: "g3", source: "bot", linkedAt: old },
      ],
    });
    const attempt = { requestId: "r", projectId: "1", source: "bot" as const, durationMs: 5, input: {} };
    await db.linkAttempt.createMany({
      data: [
        { ...attempt, outcome: "success", resolvedAt: now },
        { ...attempt, outcome: "success", resolvedAt: now },
        { ...attempt, outcome: "success", resolvedAt: now },
        { ...attempt, outcome: "failed", errorCode: "user_not_found" },
        { ...attempt, outcome: "failed", errorCode: "user_not_found", createdAt: old },
        { ...attempt, outcome: "failed", errorCode: "conflict", resolvedAt: now },
        { ...attempt, outcome: "queued", errorCode: "gc_unavailable" },
      ],
    });
    await db.delivery.createMany({
      data: [
        { idempotencyKey: "d1", projectId: "1", sbClientId: "1", kind: "order", payload: {}, status: "pending" },
        { idempotencyKey: "d2", projectId: "1", sbClientId: "1", kind: "order", payload: {}, status: "sent" },
      ],
    });
    await db.gcOrder.createMany({
      data: [
        { dealId: "o1", gcUserId: "g1", paid: true, paidAmount: "1000.50", currency: "RUB", paidAt: now },
        { dealId: "o2", email: "b@x.ru", paid: true, paidAmount: "200", currency: "RUB", paidAt: now },
        { dealId: "o3", gcUserId: "g3", paid: true, paidAmount: "50", currency: "USD", paidAt: now },
        { dealId: "o4", gcUserId: "stranger", paid: true, paidAmount: "999", currency: "RUB", paidAt: now },
        {
          dealId: "o5",
          gcUserId: "g1",
          paid: true,
          paidAmount: "7",
          currency: "RUB",
          paidAt: new Date(now.getTime() - 40 * 86_400_000),
        },
        { dealId: "o6", gcUserId: "g1", paid: false, costAmount: "5", currency: "RUB" },
      ],
    });

    const overview = await getOverview(now);
    expect(overview.database).toBe("ok");
    expect(overview.linksToday).toBeGreaterThanOrEqual(1);
    expect(overview.linksWeek).toBe(2);
    expect(overview.attemptsWeek).toBe(6);
    expect(overview.successRate).toBeCloseTo(3 / 5);
    expect(overview.openFailures).toEqual([
      { code: "user_not_found", count: 2 },
      { code: "gc_unavailable", count: 1 },
    ]);
    expect(overview.openFailuresTotal).toBe(3);
    expect(overview.deliveriesPending).toBe(1);
    expect(overview.revenue).toMatchObject({
      currency: "RUB",
      amount: 1200.5,
      paidOrders: 2,
      others: [{ currency: "USD", amount: 50, paidOrders: 1 }],
    });
  });
});
