import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { signedInAs } from "@/lib/auth/test-session";
import { db } from "@/lib/db";
import { installIntegrations } from "@/lib/integrations";
import { failureGroups } from "@/lib/queries/failures";
import { searchSalebotClients } from "@/lib/queries/salebot-clients";
import {
  FIELD_SALEBOT,
  FIELD_TELEGRAM,
  startSimulatedIntegrations,
  TEST_PROJECT_ID,
} from "@/lib/testing/simulated-integrations";
import { linkCustomer } from "./link-customer";
import { auditQuerySchema, listAudit } from "@/lib/queries/audit";
import { searchGetCourseUsers } from "@/lib/queries/getcourse-users";
import { applyRelink, lookupGetCourseUser, previewRelink, unlink } from "./relink";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let admin: SessionUser;
let staff: SessionUser;
let nextClientId = 5000;

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  admin = (await signedInAs("admin")).user;
  staff = (await signedInAs("staff")).user;
});
afterAll(async () => {
  await sims.close();
});
beforeEach(() => {
  installIntegrations(sims.integrations);
});

function customer(name = "Client") {
  const id = nextClientId++;
  const email = `relink${id}@school.test`;
  sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id, platformId: String(8_000_000 + id) });
  return { email, telegramId: String(8_000_000 + id), sbClientId: String(id), name: `${name} ${id}` };
}

const link = (c: ReturnType<typeof customer>, email = c.email) =>
  linkCustomer(
    { email, telegramId: c.telegramId, sbClientId: c.sbClientId },
    { source: "bot", requestId: `req-${c.sbClientId}-${email}` },
  );

const gcField = (email: string, field: string) =>
  sims.gcSim.state.userFieldValue(sims.gcSim.state.findUserByEmail(email)!, field);

describe("relink", () => {
  test("a conflict is resolved by moving the link: GC fields on both users, Salebot, audit before/after", async () => {
    const a = customer();
    const b = customer();
    await link(a);
    await link(b);
    // Client A now says it is B's e-mail: conflict, and the automatic flow leaves the links alone.
    const conflict = await link(a, b.email);
    expect(conflict).toMatchObject({ success: false, error: "conflict" });
    expect((await failureGroups()).find((g) => g.code === "conflict")?.count).toBe(1);

    const input = { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId, email: b.email };
    const preview = await previewRelink(input);
    expect(preview.gc).toEqual({ status: "ok" });
    expect(preview.noop).toBe(false);
    expect(preview.byClient?.email).toBe(a.email);
    expect(preview.byEmail?.sbClientId).toBe(b.sbClientId);
    const gcB = String(sims.gcSim.state.findUserByEmail(b.email)!.id);
    expect(preview.gcUserId).toBe(gcB);
    expect(preview.changes).toEqual(
      expect.arrayContaining([
        { system: "gc", target: b.email, field: FIELD_TELEGRAM, before: b.telegramId, after: a.telegramId },
        { system: "gc", target: b.email, field: FIELD_SALEBOT, before: b.sbClientId, after: a.sbClientId },
        { system: "gc", target: a.email, field: FIELD_TELEGRAM, before: a.telegramId, after: null },
        { system: "gc", target: a.email, field: FIELD_SALEBOT, before: a.sbClientId, after: null },
        { system: "salebot", target: `client ${a.sbClientId}`, field: "email", before: a.email, after: b.email },
        { system: "salebot", target: `client ${b.sbClientId}`, field: "email", before: b.email, after: null },
      ]),
    );

    const result = await applyRelink(admin, input);
    expect(result).toEqual({
      kind: "done",
      gcUserId: gcB,
      salebotPending: false,
      warnings: [],
      auditId: expect.stringMatching(/^\d+$/),
    });

    // GetCourse: exactly what the preview promised.
    expect(gcField(b.email, FIELD_TELEGRAM)).toBe(a.telegramId);
    expect(gcField(b.email, FIELD_SALEBOT)).toBe(a.sbClientId);
    expect(gcField(a.email, FIELD_TELEGRAM)).toBe("");
    expect(gcField(a.email, FIELD_SALEBOT)).toBe("");
    // Salebot: the moved client carries the new keys, the displaced one is cleared.
    expect(sims.sbSim.state.variablesOf(Number(a.sbClientId))).toMatchObject({ email: b.email, gc_user_id: gcB });
    expect(sims.sbSim.state.variablesOf(Number(b.sbClientId))).toMatchObject({ email: "", gc_user_id: "" });
    // The hub: one link, admin's; the displaced client has none.
    const links = await db.link.findMany({
      where: { projectId: TEST_PROJECT_ID, sbClientId: { in: [a.sbClientId, b.sbClientId] } },
    });
    expect(links.map((l) => [l.sbClientId, l.email, l.source])).toEqual([[a.sbClientId, b.email, "admin"]]);
    // An admin's relink vouches for the pair: order details reach it when only proven links get them.
    expect(links[0]?.proof).toBe("admin");
    // The conflict is resolved; the attempt is logged as the admin's.
    expect((await failureGroups()).find((g) => g.code === "conflict")).toBeUndefined();
    const attempt = await db.linkAttempt.findFirstOrThrow({ where: { sbClientId: a.sbClientId, source: "admin" } });
    expect(attempt).toMatchObject({ outcome: "success", actor: admin.email, email: b.email, gcUserId: gcB });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "link.relink" } });
    expect(audit).toMatchObject({ actorEmail: admin.email, target: `client:${TEST_PROJECT_ID}:${a.sbClientId}` });
    expect(audit.before).toMatchObject({ client: { email: a.email }, email: { sbClientId: b.sbClientId } });
    expect(audit.after).toMatchObject({
      link: { sbClientId: a.sbClientId, email: b.email, gcUserId: gcB, source: "admin" },
    });

    // The page links to this very entry: /audit?id= shows it alone.
    const only = await listAudit(auditQuerySchema.parse({ id: result.kind === "done" ? result.auditId : "" }));
    expect(only.rows.map((row) => [row.id, row.action])).toEqual([[String(audit.id), "link.relink"]]);

    expect(await previewRelink(input)).toMatchObject({ noop: true, changes: [] });
    expect(await applyRelink(admin, input)).toEqual({ kind: "noop" });
  });

  test("GetCourse users are found by any part of the e-mail in the hub's links and orders, and a whole e-mail is asked of GetCourse", async () => {
    const a = customer();
    await link(a);
    await db.gcOrder.create({
      data: {
        dealId: `relink-deal-${a.sbClientId}`,
        email: "Buyer.Only@Shop.test",
        gcUserId: "777",
        orderedAt: new Date(),
      },
    });
    const byPart = await searchGetCourseUsers(TEST_PROJECT_ID, `ink${a.sbClientId}@school`);
    expect(byPart).toEqual([{ email: a.email, gcUserId: expect.any(String), linkedClient: a.sbClientId, orders: 0 }]);
    expect(await searchGetCourseUsers(TEST_PROJECT_ID, "only@shop")).toEqual([
      { email: "buyer.only@shop.test", gcUserId: "777", linkedClient: null, orders: 1 },
    ]);
    expect(await searchGetCourseUsers(TEST_PROJECT_ID, "%")).toEqual([]);

    expect(await lookupGetCourseUser(a.email)).toMatchObject({ getcourse: true, hub: "link" });
    expect(await lookupGetCourseUser("nobody-at-all@school.test")).toMatchObject({ getcourse: false, hub: null });
  });

  test("an unknown e-mail is refused even when the bots' policy creates users; with the school key alone GetCourse cannot be asked", async () => {
    const a = customer();
    await link(a);
    installIntegrations({ ...sims.integrations, unknownEmail: "create" });
    const input = { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId, email: "typo@school.test" };
    const preview = await previewRelink(input);
    expect(preview.known).toEqual({ getcourse: false, hub: null });
    expect(preview.gc).toMatchObject({ status: "blocked", code: "user_not_found" });
    expect(await applyRelink(admin, input)).toMatchObject({ kind: "blocked", code: "user_not_found" });
    expect(sims.gcSim.state.findUserByEmail("typo@school.test")).toBeFalsy();

    const schoolKey = await startSimulatedIntegrations({ keyMode: "school_key" });
    try {
      installIntegrations(schoolKey.integrations);
      const b = customer();
      expect(
        (await previewRelink({ projectId: TEST_PROJECT_ID, sbClientId: b.sbClientId, email: a.email })).known,
      ).toEqual({ getcourse: null, hub: "link" });
    } finally {
      await schoolKey.close();
    }
  });

  test("an e-mail GetCourse does not know is refused before anything changes", async () => {
    const a = customer();
    await link(a);
    const input = { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId, email: "ghost@school.test" };
    expect((await previewRelink(input)).gc).toMatchObject({ status: "blocked", code: "user_not_found" });
    expect(await applyRelink(admin, input)).toMatchObject({ kind: "blocked", code: "user_not_found" });
    expect((await db.link.findFirstOrThrow({ where: { sbClientId: a.sbClientId } })).email).toBe(a.email);
    // Logged, but not left open: the admin saw it.
    expect(
      await db.linkAttempt.count({
        where: { sbClientId: a.sbClientId, resolvedAt: null, outcome: { not: "success" } },
      }),
    ).toBe(0);
  });

  test("staff may not relink or unlink (403), and nothing changes", async () => {
    const a = customer();
    const b = customer();
    await link(a);
    await expect(
      applyRelink(staff, { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId, email: b.email }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(unlink(staff, { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId })).rejects.toMatchObject({
      status: 403,
    });
    expect((await db.link.findFirstOrThrow({ where: { sbClientId: a.sbClientId } })).email).toBe(a.email);
  });

  test("unlink removes the link, clears both sides and is audited", async () => {
    const a = customer();
    await link(a);
    const result = await unlink(admin, { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId });
    expect(result.warnings).toEqual([]);
    expect(result.removed).toMatchObject({ email: a.email, sbClientId: a.sbClientId });
    expect(await db.link.count({ where: { sbClientId: a.sbClientId } })).toBe(0);
    expect(gcField(a.email, FIELD_SALEBOT)).toBe("");
    expect(gcField(a.email, FIELD_TELEGRAM)).toBe("");
    expect(sims.sbSim.state.variablesOf(Number(a.sbClientId))).toMatchObject({ email: "", gc_user_id: "" });
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "link.unlink", target: `client:${TEST_PROJECT_ID}:${a.sbClientId}` },
    });
    expect(audit.before).toMatchObject({ email: a.email });
    await expect(unlink(admin, { projectId: TEST_PROJECT_ID, sbClientId: a.sbClientId })).rejects.toMatchObject({
      status: 404,
    });
  });

  test("the client picker searches the hub's clients by name, id and Telegram id", async () => {
    await db.salebotClient.create({
      data: {
        projectId: TEST_PROJECT_ID,
        clientId: "990001",
        platformId: "123456789",
        messenger: "telegram",
        name: "Анна Петрова",
      },
    });
    expect((await searchSalebotClients(TEST_PROJECT_ID, "анна")).map((c) => c.clientId)).toEqual(["990001"]);
    expect((await searchSalebotClients(TEST_PROJECT_ID, "990001")).map((c) => c.clientId)).toEqual(["990001"]);
    expect((await searchSalebotClients(TEST_PROJECT_ID, "123456789")).map((c) => c.clientId)).toEqual(["990001"]);
    expect(await searchSalebotClients("other", "анна")).toEqual([]);
  });
});
