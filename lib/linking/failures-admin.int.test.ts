import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET as exportFailures } from "@/app/api/export/failures.csv/route";
import type { SessionUser } from "@/lib/auth/session-user";
import { signedInAs } from "@/lib/auth/test-session";
import { db } from "@/lib/db";
import { HttpError } from "@/lib/http";
import { installIntegrations } from "@/lib/integrations";
import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { startWorkers } from "@/lib/jobs/workers";
import { failureGroups, failuresQuerySchema, listFailures } from "@/lib/queries/failures";
import { TEST_READ_TOKEN } from "@/lib/testing/database-per-file";
import {
  FIELD_SALEBOT,
  FIELD_TELEGRAM,
  startSimulatedIntegrations,
  TEST_PROJECT_ID,
} from "@/lib/testing/simulated-integrations";
import { linkCustomer } from "./link-customer";
import { saveFieldCheck } from "@/lib/settings/field-check";
import { dismissFailure, retryAllOfCode, retryFailure } from "./retry-failures";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let admin: SessionUser;
let staff: SessionUser;
let marketerCookie: string;
let nextClientId = 3000;

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  admin = (await signedInAs("admin")).user;
  staff = (await signedInAs("staff")).user;
  marketerCookie = (await signedInAs("marketer")).cookie;
});
afterAll(async () => {
  await sims.close();
});
beforeEach(() => {
  installIntegrations(sims.integrations);
});

function customer(options: { gcUser?: boolean; email?: string } = {}) {
  const id = nextClientId++;
  const email = options.email ?? `failing${id}@school.test`;
  if (options.gcUser !== false)
    sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id, platformId: String(7_000_000 + id) });
  return { email, telegramId: String(7_000_000 + id), sbClientId: String(id) };
}

const link = (request: ReturnType<typeof customer>) =>
  linkCustomer(request, { source: "bot", requestId: `req-${request.sbClientId}` });

/** What Settings' "Test connection" leaves behind once both fields exist in the account. */
async function fieldsFoundByCheck(): Promise<void> {
  await saveFieldCheck({
    checkedAt: new Date().toISOString(),
    source: "tech_answer",
    required: [FIELD_TELEGRAM, FIELD_SALEBOT],
    missing: [],
    error: null,
  });
}

async function openAttempt(sbClientId: string) {
  return db.linkAttempt.findFirstOrThrow({ where: { sbClientId, resolvedAt: null, outcome: { not: "success" } } });
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("failures: groups, retry one, retry all", () => {
  test("open failures are grouped by code with counts; resolved ones stay in the history", async () => {
    const missing = [customer({ gcUser: false }), customer({ gcUser: false })];
    for (const c of missing) await link(c);
    const noField = customer();
    installIntegrations({ ...sims.integrations, fields: { ...sims.integrations.fields, telegram: "no_such_field" } });
    await link(noField);
    installIntegrations(sims.integrations);

    const groups = await failureGroups();
    expect(groups.find((g) => g.code === "user_not_found")?.count).toBe(2);
    expect(groups.find((g) => g.code === "field_telegram_id_not_found")?.count).toBe(1);

    // Until a field check has found the field, a retry cannot work and is refused.
    const noFieldAttempt = String((await openAttempt(noField.sbClientId)).id);
    await saveFieldCheck({
      checkedAt: new Date().toISOString(),
      source: "tech_answer",
      required: [FIELD_TELEGRAM, FIELD_SALEBOT],
      missing: [FIELD_TELEGRAM],
      error: null,
    });
    await expect(retryFailure(staff, noFieldAttempt)).rejects.toMatchObject({ status: 422, code: "not_retryable" });
    await expect(retryAllOfCode(staff, "field_telegram_id_not_found")).rejects.toMatchObject({ code: "not_retryable" });

    // The field now exists in the configured name and the check found it: retrying succeeds and closes it.
    await fieldsFoundByCheck();
    const result = await retryFailure(staff, String((await openAttempt(noField.sbClientId)).id));
    expect(result).toEqual({ kind: "linked" });
    expect((await failureGroups()).find((g) => g.code === "field_telegram_id_not_found")).toBeUndefined();
    const attempts = await db.linkAttempt.findMany({
      where: { sbClientId: noField.sbClientId },
      orderBy: { id: "asc" },
    });
    expect(attempts.map((a) => [a.outcome, a.source, a.resolvedAt !== null])).toEqual([
      ["failed", "bot", true],
      ["success", "admin", true],
    ]);
    expect(attempts[1]?.actor).toBe(staff.email);
    expect(await db.link.count({ where: { sbClientId: noField.sbClientId } })).toBe(1);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "failure.retry", target: `attempt:${attempts[0]?.id}` },
    });
    expect(audit.actorEmail).toBe(staff.email);

    const open = await listFailures(failuresQuerySchema.parse({ code: "field_telegram_id_not_found" }));
    expect(open.total).toBe(0);
    const history = await listFailures(
      failuresQuerySchema.parse({ view: "history", code: "field_telegram_id_not_found" }),
    );
    expect(history.rows.map((r) => r.sbClientId)).toEqual([noField.sbClientId]);
    expect(history.rows[0]?.resolvedAt).not.toBeNull();
  });

  test("a retry that fails again keeps the one open failure, with the latest error and the retry count", async () => {
    const c = customer({ gcUser: false });
    await link(c);
    const first = await openAttempt(c.sbClientId);
    expect(await retryFailure(admin, String(first.id))).toEqual({
      kind: "failed",
      code: "user_not_found",
      queued: false,
    });
    // Now GetCourse is down: the same failure carries the new code.
    sims.gcSim.state.addUser({ email: c.email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
    sims.gcSim.faults.add({ kind: "http_503" });
    try {
      expect(await retryFailure(admin, String(first.id))).toMatchObject({
        kind: "failed",
        code: "gc_unavailable",
        queued: true,
      });
    } finally {
      sims.gcSim.faults.clear();
    }
    const open = await db.linkAttempt.findMany({ where: { sbClientId: c.sbClientId, resolvedAt: null } });
    expect(open.map((row) => row.id)).toEqual([first.id]);
    expect(open[0]).toMatchObject({ source: "bot", errorCode: "gc_unavailable", outcome: "queued", retryCount: 2 });
    expect(open[0]?.lastRetriedAt).not.toBeNull();
    // Every try stays in the attempt log, folded into the failure; the Failures history lists it once.
    const tries = await db.linkAttempt.findMany({ where: { sbClientId: c.sbClientId, retryOf: first.id } });
    expect(tries.map((row) => [row.errorCode, row.source, row.resolvedAt !== null])).toEqual([
      ["user_not_found", "admin", true],
      ["gc_unavailable", "admin", true],
    ]);
    const history = await listFailures(failuresQuerySchema.parse({ view: "history", q: c.email }));
    expect(history.rows.map((row) => [row.id, row.retryCount])).toEqual([[String(first.id), 2]]);
  });

  test("an admin dismisses a failure with a reason: it leaves the open list, stays in the history, and is audited", async () => {
    const c = customer({ gcUser: false });
    await link(c);
    const failure = await openAttempt(c.sbClientId);
    await expect(dismissFailure(staff, String(failure.id), "test e-mail")).rejects.toMatchObject({ status: 403 });
    await expect(dismissFailure(admin, String(failure.id), "   ")).rejects.toMatchObject({ status: 400 });
    expect(await dismissFailure(admin, String(failure.id), " test e-mail ")).toEqual({ kind: "dismissed" });
    expect(await dismissFailure(admin, String(failure.id), "again")).toEqual({ kind: "nothing" });

    expect((await listFailures(failuresQuerySchema.parse({ q: c.email }))).total).toBe(0);
    const [row] = (await listFailures(failuresQuerySchema.parse({ view: "history", q: c.email }))).rows;
    expect(row).toMatchObject({ dismissedBy: admin.email, dismissReason: "test e-mail" });
    expect(row?.resolvedAt).not.toBeNull();
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "failure.dismiss", target: `attempt:${failure.id}` },
    });
    expect(audit.after).toEqual({ status: "dismissed", reason: "test e-mail" });
    // A retry after the dismissal does nothing, and a queued one folded into it opens nothing.
    expect(await retryFailure(admin, String(failure.id))).toEqual({ kind: "nothing" });
  });

  test("a bad request is never retried", async () => {
    const c = customer();
    await db.linkAttempt.create({
      data: {
        requestId: "bad-1",
        projectId: TEST_PROJECT_ID,
        sbClientId: c.sbClientId,
        email: c.email,
        source: "bot",
        outcome: "failed",
        errorCode: "bad_request",
        durationMs: 1,
        input: { email: c.email, sb_id: c.sbClientId },
      },
    });
    await expect(retryFailure(admin, String((await openAttempt(c.sbClientId)).id))).rejects.toMatchObject({
      code: "not_retryable",
    });
  });

  test("a conflict is not retried, and a marketer may not retry", async () => {
    const a = customer();
    await link(a);
    const b = customer();
    await link({ ...b, email: a.email });
    const conflict = await openAttempt(b.sbClientId);
    expect(conflict.errorCode).toBe("conflict");
    await expect(retryFailure(admin, String(conflict.id))).rejects.toMatchObject({ status: 409 });
    await expect(retryAllOfCode(admin, "conflict")).rejects.toMatchObject({ status: 409 });
    await expect(retryFailure({ ...staff, role: "marketer" }, String(conflict.id))).rejects.toBeInstanceOf(HttpError);
  });

  test("retry all of a code enqueues one job per failure, once, and the worker resolves them", async () => {
    const clients = [customer({ gcUser: false }), customer({ gcUser: false }), customer({ gcUser: false })];
    const code = "field_salebot_id_not_found";
    installIntegrations({ ...sims.integrations, fields: { ...sims.integrations.fields, salebot: "no_such_field" } });
    for (const c of clients) {
      sims.gcSim.state.addUser({ email: c.email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
      await link(c);
    }
    installIntegrations(sims.integrations);
    expect((await failureGroups()).find((g) => g.code === code)?.count).toBe(3);
    await fieldsFoundByCheck();

    const boss = await getBoss();
    // Earlier tests may have queued a retry of their own (GetCourse down).
    const before = await boss.getQueueSize(QUEUES.linkRetry);
    expect(await retryAllOfCode(staff, code)).toEqual({ queued: 3, unreadable: 0 });
    expect(await boss.getQueueSize(QUEUES.linkRetry)).toBe(before + 3);
    // A second click within the singleton window queues nothing new.
    await retryAllOfCode(staff, code);
    expect(await boss.getQueueSize(QUEUES.linkRetry)).toBe(before + 3);
    expect(await db.auditLog.count({ where: { action: "failure.retry_all", target: `code:${code}` } })).toBe(2);

    await startWorkers();
    await waitFor(async () => (await failureGroups()).every((g) => g.code !== code));
    expect(await db.link.count({ where: { sbClientId: { in: clients.map((c) => c.sbClientId) } } })).toBe(3);
  });
});

describe("retrying failures the hub itself recorded", () => {
  test("a client without a Telegram id (stored as null) is retried, one and all", async () => {
    const c = { ...customer(), telegramId: null };
    installIntegrations({ ...sims.integrations, fields: { ...sims.integrations.fields, salebot: "no_such_field" } });
    await linkCustomer(c, { source: "bot", requestId: `req-${c.sbClientId}` });
    installIntegrations(sims.integrations);
    const failure = await openAttempt(c.sbClientId);
    expect(failure.input).toMatchObject({ telegram_id: null });
    await fieldsFoundByCheck();
    expect(await retryFailure(admin, String(failure.id))).toEqual({ kind: "linked" });
  });

  test("retry all of internal_error takes failures recorded without a code, and says what it could not read", async () => {
    const c = customer();
    const base = {
      projectId: TEST_PROJECT_ID,
      sbClientId: c.sbClientId,
      email: c.email,
      source: "bot" as const,
      outcome: "failed" as const,
      durationMs: 1,
    };
    await db.linkAttempt.create({
      data: {
        ...base,
        requestId: "nocode-1",
        errorCode: null,
        input: { email: c.email, telegram_id: null, sb_id: c.sbClientId },
      },
    });
    await db.linkAttempt.create({
      data: { ...base, requestId: "nocode-2", errorCode: "internal_error", input: { garbage: true } },
    });
    expect(await retryAllOfCode(staff, "internal_error")).toEqual({ queued: 1, unreadable: 1 });
  });
});

describe("GET /api/export/failures.csv", () => {
  const get = (query: string, headers: Record<string, string> = {}) =>
    exportFailures(new Request(`http://hub.test/api/export/failures.csv${query}`, { headers }), {
      params: Promise.resolve({}),
    });

  test("401 without credentials, 403 for a marketer", async () => {
    expect((await get("")).status).toBe(401);
    expect((await get("", { authorization: "Bearer wrong-token-0123456789" })).status).toBe(401);
    expect((await get("", { cookie: marketerCookie })).status).toBe(403);
  });

  test("the read token gets the page's rows, formula-safe, comma or semicolon", async () => {
    const c = customer({ gcUser: false, email: "=cmd@evil.test" });
    // The schema would lower-case and validate it; an attempt stored from elsewhere can hold anything.
    await link(c);
    const response = await get(`?code=user_not_found&q=${encodeURIComponent("=cmd")}`, {
      authorization: `Bearer ${TEST_READ_TOKEN}`,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const body = (await response.text()).replace(/^\uFEFF/, "");
    const [header, ...lines] = body.trim().split("\r\n");
    expect(header).toBe(
      "created_at,error_code,status,email,telegram_id,salebot_project,sb_client_id,source,actor,error_detail,request_id,resolved_at",
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(",user_not_found,open,'=cmd@evil.test,");
    expect(lines[0]).toContain(`,${TEST_PROJECT_ID},${c.sbClientId},bot,`);

    const semicolon = await (
      await get(`?code=user_not_found&q=${encodeURIComponent("=cmd")}&sep=semicolon`, {
        authorization: `Bearer ${TEST_READ_TOKEN}`,
      })
    ).text();
    expect(semicolon).toContain(";user_not_found;open;'=cmd@evil.test;");
    expect((await get("?code=nonsense", { authorization: `Bearer ${TEST_READ_TOKEN}` })).status).toBe(400);
  });
});
