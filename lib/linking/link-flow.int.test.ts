import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { POST } from "@/app/api/link/route";
import { db } from "@/lib/db";
import { createGetCourseClient } from "@/lib/getcourse";
import { startWorkers } from "@/lib/jobs/workers";
import { installIntegrations } from "@/lib/integrations";
import { TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import { FIELD_SALEBOT, FIELD_TELEGRAM, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let nextClientId = 1000;

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
});
afterAll(async () => {
  await sims.close();
});
beforeEach(() => {
  sims.gcSim.faults.clear();
  sims.sbSim.faults.clear();
  installIntegrations(sims.integrations);
});

/** A GC user with both custom fields and a Salebot client, ready to link. */
function customer(overrides: { email?: string } = {}) {
  const id = nextClientId++;
  const email = overrides.email ?? `client${id}@school.test`;
  sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id, platformId: String(5_000_000 + id) });
  return { email, telegram_id: String(5_000_000 + id), sb_id: String(id) };
}

function link(body: unknown, init: { token?: string | null; form?: boolean } = {}) {
  const token = init.token === undefined ? TEST_LINK_TOKEN : init.token;
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  let payload: string;
  if (init.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    payload = new URLSearchParams(body as Record<string, string>).toString();
  } else {
    headers["content-type"] = "application/json";
    payload = JSON.stringify(body);
  }
  return POST(new Request("http://hub.test/api/link", { method: "POST", headers, body: payload }));
}

async function answer(body: unknown, init?: Parameters<typeof link>[1]) {
  const response = await link(body, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("POST /api/link", () => {
  test("links a customer: GC fields, Salebot variables, the link and the attempt", async () => {
    const c = customer();
    expect(await answer(c)).toEqual({ status: 200, body: { success: true } });

    const gcUser = sims.gcSim.state.findUserByEmail(c.email);
    expect(gcUser).toBeDefined();
    expect(sims.gcSim.state.userFieldValue(gcUser!, FIELD_TELEGRAM)).toBe(c.telegram_id);
    expect(sims.gcSim.state.userFieldValue(gcUser!, FIELD_SALEBOT)).toBe(c.sb_id);
    const variables = sims.sbSim.state.variablesOf(Number(c.sb_id));
    expect(variables).toMatchObject({ email: c.email, gc_user_id: String(gcUser!.id) });

    const stored = await db.link.findFirstOrThrow({ where: { sbClientId: c.sb_id } });
    expect(stored).toMatchObject({
      email: c.email,
      telegramId: c.telegram_id,
      gcUserId: String(gcUser!.id),
      source: "bot",
    });
    const attempts = await db.linkAttempt.findMany({ where: { sbClientId: c.sb_id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: "success", errorCode: null, gcUserId: String(gcUser!.id) });
    expect(attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);
    // The attempt's statement gave the lease up: nothing is left for a later delete.
    const leases = await db.$queryRaw<
      { n: number }[]
    >`SELECT count(*)::int AS n FROM link_key_leases WHERE key LIKE ${`%:${c.sb_id}`} OR key LIKE ${`%:${c.email}`}`;
    expect(leases).toEqual([{ n: 0 }]);
  });

  test("accepts a form body and normalises the e-mail and ids", async () => {
    const c = customer();
    const body = { email: `  ${c.email.toUpperCase()} `, telegram_id: ` ${c.telegram_id}`, sb_id: c.sb_id };
    expect(await answer(body, { form: true })).toEqual({ status: 200, body: { success: true } });
    expect(await db.link.count({ where: { email: c.email } })).toBe(1);
  });

  test("re-sending the same triple succeeds without calling GetCourse again", async () => {
    const c = customer();
    await answer(c);
    const callsBefore = sims.gcSim.calls.length;
    expect(await answer(c)).toEqual({ status: 200, body: { success: true } });
    expect(sims.gcSim.calls.length).toBe(callsBefore);
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
    expect(await db.linkAttempt.count({ where: { sbClientId: c.sb_id, outcome: "success" } })).toBe(2);
  });

  test("malformed input is a 400 naming the field, and changes nothing", async () => {
    const before = await db.linkAttempt.count();
    const { status, body } = await answer({ email: "not-an-email", telegram_id: "12", sb_id: "1" });
    expect(status).toBe(400);
    expect(body).toMatchObject({ success: false, error: "bad_request", details: [{ field: "email" }] });
    expect(await db.linkAttempt.count()).toBe(before);
    expect((await link("{oops" as unknown as object)).status).toBe(400);
  });

  test("a missing or wrong token is 401 and changes nothing", async () => {
    const c = customer();
    expect((await answer(c, { token: null })).status).toBe(401);
    expect((await answer(c, { token: "wrong-token-0123456789" })).status).toBe(401);
    const query = await POST(
      new Request(`http://hub.test/api/link?token=${TEST_LINK_TOKEN}`, {
        method: "POST",
        body: JSON.stringify(c),
        headers: { "content-type": "application/json" },
      }),
    );
    expect(query.status).toBe(200);
  });

  test("an unknown e-mail is user_not_found, logged, and creates no GC user", async () => {
    const usersBefore = sims.gcSim.state.users.length;
    const { status, body } = await answer({ email: "nobody@school.test", telegram_id: "1", sb_id: "999999" });
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: false, error: "user_not_found" });
    expect(sims.gcSim.state.users.length).toBe(usersBefore);
    const attempt = await db.linkAttempt.findFirstOrThrow({ where: { sbClientId: "999999" } });
    expect(attempt).toMatchObject({ outcome: "failed", errorCode: "user_not_found", resolvedAt: null });
  });

  test.each([
    ["telegram", "field_telegram_id_not_found"],
    ["salebot", "field_salebot_id_not_found"],
  ] as const)("a missing %s custom field is %s", async (which, code) => {
    const c = customer();
    installIntegrations({ ...sims.integrations, fields: { ...sims.integrations.fields, [which]: "no_such_field" } });
    expect((await answer(c)).body).toMatchObject({ success: false, error: code });
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(0);
  });

  test("a rejected GetCourse key is gc_auth_failed", async () => {
    const c = customer();
    const gc = createGetCourseClient({
      accountUrl: sims.gcSim.url,
      apiKey: "wrong",
      techToken: "wrong_token",
      timeoutMs: 1_000,
    });
    installIntegrations({ ...sims.integrations, gc });
    expect((await answer(c)).body).toMatchObject({ success: false, error: "gc_auth_failed" });
  });

  test("a client or an e-mail linked elsewhere is a conflict, and the link does not move", async () => {
    const first = customer();
    await answer(first);
    const other = customer();
    const clientElsewhere = await answer({ ...other, sb_id: first.sb_id });
    expect(clientElsewhere.body).toMatchObject({ success: false, error: "conflict" });
    const emailElsewhere = await answer({ ...first, sb_id: other.sb_id, telegram_id: other.telegram_id });
    expect(emailElsewhere.body).toMatchObject({ success: false, error: "conflict" });
    const stored = await db.link.findFirstOrThrow({ where: { sbClientId: first.sb_id } });
    expect(stored.email).toBe(first.email);
    expect(await db.linkAttempt.count({ where: { errorCode: "conflict", resolvedAt: null } })).toBe(2);
  });

  test("50 concurrent requests for one client leave exactly one link", async () => {
    const c = customer();
    const answers = await Promise.all(Array.from({ length: 50 }, () => answer(c)));
    expect(answers.every((a) => a.status === 200 && a.body.success === true)).toBe(true);
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
    expect(await db.linkAttempt.count({ where: { sbClientId: c.sb_id } })).toBe(50);
  });

  test("GetCourse hanging: gc_unavailable within 10 s, queued, then completed by the queue", async () => {
    const c = customer();
    sims.gcSim.faults.add({ kind: "timeout", delayMs: 30_000 });
    const started = Date.now();
    const { body } = await answer(c);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(body).toMatchObject({ success: false, error: "gc_unavailable" });
    const queued = await db.linkAttempt.findFirstOrThrow({ where: { sbClientId: c.sb_id } });
    expect(queued).toMatchObject({ outcome: "queued", errorCode: "gc_unavailable", resolvedAt: null });
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(0);

    sims.gcSim.faults.clear();
    await startWorkers();
    await waitFor(async () => (await db.link.count({ where: { sbClientId: c.sb_id } })) === 1);
    await waitFor(
      async () => (await db.linkAttempt.findUniqueOrThrow({ where: { id: queued.id } })).resolvedAt !== null,
    );
    const gcUser = sims.gcSim.state.findUserByEmail(c.email)!;
    expect(sims.gcSim.state.userFieldValue(gcUser, FIELD_SALEBOT)).toBe(c.sb_id);
  }, 60_000);

  test("GetCourse refusing connections: gc_unavailable fast, then retried until it is back", async () => {
    const c = customer();
    sims.gcSim.faults.add({ kind: "http_503", count: 4 });
    const { body } = await answer(c);
    expect(body).toMatchObject({ success: false, error: "gc_unavailable" });
    await startWorkers();
    await waitFor(async () => (await db.link.count({ where: { sbClientId: c.sb_id } })) === 1);
  }, 60_000);

  test("Salebot down after GetCourse succeeded: the link stands and only Salebot is retried", async () => {
    const c = customer();
    // Down for the whole call (not a count of failures: a worker left running by an earlier test
    // may use some of them up), and back before the retry worker starts.
    sims.sbSim.faults.add({ kind: "http_503" });
    expect((await answer(c)).body).toEqual({ success: true });
    sims.sbSim.faults.clear();
    expect(await db.link.count({ where: { sbClientId: c.sb_id } })).toBe(1);
    const pending = await db.linkAttempt.findFirstOrThrow({ where: { sbClientId: c.sb_id } });
    expect(pending).toMatchObject({ outcome: "queued", errorCode: "salebot_unavailable" });
    const gcCalls = sims.gcSim.calls.length;

    await startWorkers();
    await waitFor(
      async () => (await db.linkAttempt.findUniqueOrThrow({ where: { id: pending.id } })).resolvedAt !== null,
    );
    expect(sims.sbSim.state.variablesOf(Number(c.sb_id))).toMatchObject({ email: c.email });
    expect(sims.gcSim.calls.length).toBe(gcCalls);
  }, 60_000);
});
