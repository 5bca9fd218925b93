import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { GET } from "@/app/api/link/start-link/route";
import { GET as gcWebhook } from "@/app/api/webhooks/getcourse/route";
import { POST as salebotWebhook } from "@/app/api/webhooks/salebot/route";
import { db } from "@/lib/db";
import { translator } from "@/lib/i18n/messages";
import { translateTechnicalText } from "@/lib/i18n/technical-text";
import { stopSalebotIngest } from "@/lib/events/salebot-ingest";
import { installIntegrations, type Integrations } from "@/lib/integrations";
import { TEST_GETCOURSE_WEBHOOK_TOKEN, TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import {
  FIELD_SALEBOT,
  FIELD_TELEGRAM,
  startSimulatedIntegrations,
  TEST_PROJECT_ID,
} from "@/lib/testing/simulated-integrations";
import { createStartLinkCode, START_LINK_PREFIX, verifyStartLinkCode } from "./code";
import { latestStartLinkRun, startBulkFieldWrite, writeDueStartLinkFields } from "./field-write";
import { CLIENT_TAGS_SQL, MESSAGES_SQL, redeemNewStartCodes } from "./scan";

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
const BOT = "school_start_bot";
const START_FIELD = "tg_start_link";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let integrations: Integrations;
let nextClient = 9_000;
let nextMessage = 880_000;

beforeAll(async () => {
  process.env.SPOOL_DIR = mkdtempSync(path.join(tmpdir(), "hub-spool-"));
  sims = await startSimulatedIntegrations();
  integrations = { ...sims.integrations, botUsername: BOT, startLinkField: START_FIELD };
});
afterAll(async () => {
  await stopSalebotIngest();
  await sims.close();
});
beforeEach(() => {
  sims.gcSim.faults.clear();
  installIntegrations(integrations);
});

const secret = () => process.env.AUTH_SECRET ?? "";

/** A GetCourse user with the key fields, and a Telegram client of the project (not linked). */
function customer() {
  const clientId = nextClient++;
  const email = `start${clientId}@school.test`;
  const user = sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id: clientId, platformId: String(7_000_000 + clientId) });
  return { clientId: String(clientId), email, gcUserId: String(user.id), telegramId: String(7_000_000 + clientId) };
}

async function startLink(query: string, token: string | null = TEST_LINK_TOKEN) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await GET(new Request(`http://hub.test/api/link/start-link?${query}`, { headers }));
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function send(clientId: string, message: string, client: Record<string, unknown> = {}) {
  const body = {
    id: nextMessage++,
    client: {
      id: Number(clientId),
      recepient: String(7_000_000 + Number(clientId)),
      client_type: 1,
      name: "Клиент",
      tag: "",
      group: BOT,
      ...client,
    },
    message,
    project_id: Number(TEST_PROJECT_ID),
    is_input: 1,
  };
  await postWebhook(body);
}

async function postWebhook(body: unknown) {
  const request = new Request(`http://hub.test/api/webhooks/salebot?token=${TEST_LINK_TOKEN}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  expect((await salebotWebhook(request)).status).toBe(200);
}

/** Every refusal's stored English detail is one the UI translates (lib/i18n/technical-text.ts). */
async function expectTranslatedDetails(clientId: string) {
  for (const attempt of await attemptsOf(clientId))
    expect(translateTechnicalText(translator("ru"), attempt.errorDetail), attempt.errorDetail ?? "").not.toBeNull();
}

const attemptsOf = (clientId: string) =>
  db.linkAttempt.findMany({ where: { sbClientId: clientId }, orderBy: { id: "asc" } });

describe("GET /api/link/start-link", () => {
  test("needs the link token and an e-mail or a user id", async () => {
    expect((await startLink("email=a@b.test", null)).status).toBe(401);
    expect(await startLink("")).toMatchObject({ status: 400, body: { success: false, error: "bad_request" } });
    expect(await startLink("gc_user_id=12x")).toMatchObject({
      status: 400,
      body: { error: "bad_request", details: [{ field: "gc_user_id" }] },
    });
  });

  test("answers the user's t.me start link; the code names the user and the project", async () => {
    const c = customer();
    const byEmail = await startLink(`email=${encodeURIComponent(c.email.toUpperCase())}`);
    expect(byEmail.status).toBe(200);
    const { url, code } = byEmail.body as { url: string; code: string };
    expect(url).toBe(`https://t.me/${BOT}?start=${code}`);
    expect(code.length).toBeLessThanOrEqual(64);
    expect(verifyStartLinkCode(code, { secret: secret(), projectId: TEST_PROJECT_ID })).toEqual({
      status: "ok",
      claims: { gcUserId: c.gcUserId, projectId: TEST_PROJECT_ID, campaignId: null },
    });
    // What GetCourse answered is kept in the contacts directory, so the id alone now works without asking again.
    expect(await db.gcUserContact.findUnique({ where: { gcUserId: c.gcUserId } })).toMatchObject({ email: c.email });
    expect((await startLink(`gc_user_id=${c.gcUserId}`)).body).toEqual(byEmail.body);
  });

  test("a campaign is carried in the code; unknown users and campaigns are refused", async () => {
    const c = customer();
    const campaign = await db.campaign.create({
      data: { name: "Весна", bot: BOT, kind: "telegram_start", startCode: "spring_sl", utmSource: "mail" },
    });
    const { body } = await startLink(`gc_user_id=${c.gcUserId}&email=${c.email}&campaign=spring_sl`);
    expect(verifyStartLinkCode(String(body.code), { secret: secret(), projectId: TEST_PROJECT_ID })).toMatchObject({
      claims: { campaignId: String(campaign.id) },
    });
    expect(await startLink(`gc_user_id=${c.gcUserId}&campaign=nope`)).toMatchObject({
      status: 400,
      body: { error: "bad_request" },
    });
    expect(await startLink("email=nobody-at-all@school.test")).toMatchObject({
      status: 404,
      body: { success: false, error: "user_not_found" },
    });
  });

  test("without a bot username there is no link to give", async () => {
    installIntegrations({ ...integrations, botUsername: undefined });
    const c = customer();
    expect(await startLink(`gc_user_id=${c.gcUserId}&email=${c.email}`)).toMatchObject({
      status: 503,
      body: { error: "not_configured" },
    });
  });
});

describe("caller-supplied e-mail ↔ id pairs are never believed", () => {
  test("(a) a made-up id with an e-mail is refused and teaches the hub nothing", async () => {
    const kate = customer();
    expect(await startLink(`gc_user_id=888002&email=${kate.email}`)).toMatchObject({
      status: 404,
      body: { success: false, error: "user_not_found" },
    });
    expect(await startLink("gc_user_id=888002&email=kate-nobody@x.test")).toMatchObject({ status: 404 });
    expect(await startLink("email=kate-nobody@x.test")).toMatchObject({ status: 404 });
    // Her e-mail still answers her own GetCourse id, not the made-up one.
    const { body } = await startLink(`email=${kate.email}`);
    expect(verifyStartLinkCode(String(body.code), { secret: secret(), projectId: TEST_PROJECT_ID })).toMatchObject({
      claims: { gcUserId: kate.gcUserId },
    });
    expect(await db.startLinkUser.count({ where: { gcUserId: "888002" } })).toBe(0);
  });

  test("(b) a real id with a foreign e-mail is a conflict, and the customer's own link still works", async () => {
    const owner = customer();
    const { body } = await startLink(`gc_user_id=${owner.gcUserId}&email=${owner.email}`);
    expect(await startLink(`gc_user_id=${owner.gcUserId}&email=evil3@example.com`)).toMatchObject({
      status: 409,
      body: { success: false, error: "conflict" },
    });
    expect(await startLink("email=evil3@example.com")).toMatchObject({ status: 404 });
    await send(owner.clientId, `/start ${String(body.code)}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual({ kind: "linked", gcUserId: owner.gcUserId, alreadyLinked: false });
    expect(await db.link.findFirst({ where: { sbClientId: owner.clientId } })).toMatchObject({
      email: owner.email,
      gcUserId: owner.gcUserId,
    });
  });

  test("(c) a code for an id GetCourse does not know never links, even to a planted e-mail", async () => {
    const victim = customer();
    const attacker = customer();
    expect(await startLink(`gc_user_id=777001&email=${victim.email}`)).toMatchObject({
      status: 404,
      body: { error: "user_not_found" },
    });
    // What the old endpoint stored for the attacker, still in the table (before the clean-up migration ran).
    await db.startLinkUser.create({ data: { gcUserId: "777001", email: victim.email } });
    const code = createStartLinkCode({ gcUserId: "777001", projectId: TEST_PROJECT_ID }, secret());
    await send(attacker.clientId, `/start ${code}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "failed", error: "user_not_found" }));
    expect(await db.link.count({ where: { OR: [{ sbClientId: attacker.clientId }, { email: victim.email }] } })).toBe(
      0,
    );
    expect(await attemptsOf(attacker.clientId)).toMatchObject([
      { outcome: "failed", errorCode: "user_not_found", source: "deep_link", gcUserId: "777001", email: null },
    ]);
    await expectTranslatedDetails(attacker.clientId);
    await db.startLinkUser.delete({ where: { gcUserId: "777001" } });
  });
});

describe("/start <code> from a Salebot client", () => {
  async function codeFor(c: { gcUserId: string; email: string }) {
    const { body } = await startLink(`gc_user_id=${c.gcUserId}&email=${c.email}`);
    return String(body.code);
  }

  test("links the client to the user the code names: source deep_link, proven, both sides written, logged", async () => {
    const c = customer();
    await send(c.clientId, `/start ${await codeFor(c)}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual({ kind: "linked", gcUserId: c.gcUserId, alreadyLinked: false });

    expect(await db.link.findFirst({ where: { sbClientId: c.clientId } })).toMatchObject({
      email: c.email,
      gcUserId: c.gcUserId,
      telegramId: c.telegramId,
      source: "deep_link",
      proof: "start_link",
    });
    const gcUser = sims.gcSim.state.findUserByEmail(c.email);
    expect(sims.gcSim.state.userFieldValue(gcUser!, FIELD_SALEBOT)).toBe(c.clientId);
    expect(sims.gcSim.state.userFieldValue(gcUser!, FIELD_TELEGRAM)).toBe(c.telegramId);
    expect(sims.sbSim.state.variablesOf(Number(c.clientId))).toMatchObject({ email: c.email, gc_user_id: c.gcUserId });
    expect(await attemptsOf(c.clientId)).toMatchObject([
      { outcome: "success", source: "deep_link", gcUserId: c.gcUserId },
    ]);

    // The same client pressing the link again changes nothing and logs nothing new.
    await send(c.clientId, `/start ${await codeFor(c)}`);
    expect((await redeemNewStartCodes()).found).toBe(0);
    expect(await attemptsOf(c.clientId)).toHaveLength(1);
  });

  test("a client whose tag is the code is linked too (VK's ref, Salebot's subscription key)", async () => {
    const c = customer();
    await send(c.clientId, "Здравствуйте", { tag: await codeFor(c), client_type: 0, recepient: "id555" });
    await redeemNewStartCodes();
    // A VK client has no Telegram id.
    expect(await db.link.findFirst({ where: { sbClientId: c.clientId } })).toMatchObject({
      gcUserId: c.gcUserId,
      telegramId: null,
      source: "deep_link",
    });
    expect(await db.startLinkClaim.findFirst({ where: { clientId: c.clientId } })).toMatchObject({
      via: "tag",
      outcome: "linked",
    });
  });

  test("conflict: the user is already linked to another client; nothing moves, the failure is logged", async () => {
    const owner = customer();
    const other = customer();
    await send(owner.clientId, `/start ${await codeFor(owner)}`);
    await redeemNewStartCodes();
    // The code's user now belongs to `owner`; `other` sends a link made by hand for the same user
    // under a campaign (another code of the same user), after the first claim was closed.
    await db.startLinkClaim.updateMany({ where: { clientId: owner.clientId }, data: { outcome: "failed" } });
    const campaign = await db.campaign.create({
      data: { name: "Другая", bot: BOT, kind: "telegram_start", startCode: "conflict_sl", utmSource: "mail" },
    });
    const code = createStartLinkCode(
      { gcUserId: owner.gcUserId, projectId: TEST_PROJECT_ID, campaignId: campaign.id },
      secret(),
    );
    await send(other.clientId, `/start ${code}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "failed", error: "conflict" }));
    expect(await db.link.findFirst({ where: { sbClientId: other.clientId } })).toBeNull();
    expect(await db.link.findFirst({ where: { sbClientId: owner.clientId } })).toMatchObject({
      gcUserId: owner.gcUserId,
    });
    expect(await attemptsOf(other.clientId)).toMatchObject([
      { outcome: "failed", errorCode: "conflict", source: "deep_link" },
    ]);
  });

  test("a reused code: another client sending it is refused as used and never linked", async () => {
    const owner = customer();
    const stranger = customer();
    const code = await codeFor(owner);
    await send(owner.clientId, `/start ${code}`);
    await redeemNewStartCodes();
    await send(stranger.clientId, `/start ${code}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "failed", error: "start_link_used" }));
    expect(await db.link.findFirst({ where: { sbClientId: stranger.clientId } })).toBeNull();
    expect(await attemptsOf(stranger.clientId)).toMatchObject([
      { outcome: "failed", errorCode: "start_link_used", source: "deep_link", resolvedAt: null },
    ]);
    await expectTranslatedDetails(stranger.clientId);
  });

  test("a forged code (one bit flipped) and a broken one link nobody and are logged as invalid", async () => {
    const c = customer();
    const code = await codeFor(c);
    const bytes = Buffer.from(code.slice(START_LINK_PREFIX.length), "base64url");
    bytes[3] = (bytes[3] ?? 0) ^ 1;
    const forged = START_LINK_PREFIX + bytes.toString("base64url");
    await send(c.clientId, `/start ${forged}`);
    await send(c.clientId, `/start ${code.slice(0, 20)}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes.filter((o) => o.kind === "failed" && o.error === "start_link_invalid")).toHaveLength(2);
    expect(await db.link.count({ where: { sbClientId: c.clientId } })).toBe(0);
    const attempts = await attemptsOf(c.clientId);
    expect(attempts.map((a) => a.errorCode)).toEqual(["start_link_invalid", "start_link_invalid"]);
    expect(attempts.every((a) => a.email === null && a.gcUserId === null)).toBe(true);
    await expectTranslatedDetails(c.clientId);
  });

  test("a code of another project is foreign", async () => {
    const c = customer();
    const code = createStartLinkCode({ gcUserId: c.gcUserId, projectId: "888" }, secret());
    await send(c.clientId, `/start ${code}`);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toContainEqual(expect.objectContaining({ kind: "failed", error: "start_link_foreign" }));
    expect(await db.link.count({ where: { sbClientId: c.clientId } })).toBe(0);
    expect(await attemptsOf(c.clientId)).toMatchObject([{ errorCode: "start_link_foreign", gcUserId: c.gcUserId }]);
    await expectTranslatedDetails(c.clientId);
  });

  test("the Salebot simulator pressing a start link for a new client: its tag and its /start text, linked once", async () => {
    const c = customer();
    const webhook = sims.sbSim.pressStartLink(Number(c.clientId), await codeFor(c));
    expect(webhook).toMatchObject({
      message: expect.stringMatching(/^\/start gc-/),
      client: { tag: expect.stringMatching(/^gc-/) },
      is_input: 1,
    });
    await postWebhook(webhook);
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toEqual([{ kind: "linked", gcUserId: c.gcUserId, alreadyLinked: false }]);
    expect(await attemptsOf(c.clientId)).toHaveLength(1);
  });

  test("the look-ups read the partial indexes, not the whole messages and clients tables", async () => {
    const plans = await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const explain = async (sql: string, ...values: unknown[]) =>
        (await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${sql}`, ...values))
          .map((row) => row["QUERY PLAN"])
          .join("\n");
      return [await explain(MESSAGES_SQL, new Date(), "gc-%", 100), await explain(CLIENT_TAGS_SQL, 100)];
    });
    expect(plans[0]).toContain("salebot_messages_start_command_idx");
    expect(plans[1]).toContain("salebot_clients_start_link_idx");
  });

  test("campaign start codes are left to the campaigns", async () => {
    const c = customer();
    await db.campaign.create({
      data: { name: "Ручной", bot: BOT, kind: "telegram_start", startCode: "gc-handmade", utmSource: "mail" },
    });
    await send(c.clientId, "/start gc-handmade");
    const { outcomes } = await redeemNewStartCodes();
    expect(outcomes).toEqual([{ kind: "campaign" }]);
    expect(await attemptsOf(c.clientId)).toHaveLength(0);
    expect((await redeemNewStartCodes()).found).toBe(0);
  });
});

describe("the GetCourse field with each user's start link", () => {
  test("missing field: nothing is written and the users stay due", async () => {
    const c = customer();
    const response = await gcWebhook(
      new Request(
        `http://hub.test/api/webhooks/getcourse?token=${TEST_GETCOURSE_WEBHOOK_TOKEN}&event=created&deal_id=${c.clientId}1&email=${c.email}&user_id=${c.gcUserId}&status=new&cost=100`,
      ),
    );
    expect(response.status).toBe(200);
    expect(await db.startLinkUser.findUnique({ where: { gcUserId: c.gcUserId } })).toMatchObject({
      fieldStatus: "due",
    });
    expect(await writeDueStartLinkFields()).toMatchObject({ written: 0, stoppedBy: "field_missing" });
  });

  test("a GetCourse event queues the user's link; the job writes it once; linked users are skipped", async () => {
    sims.gcSim.state.addField({ title: START_FIELD });
    // What "Test connection" on Settings does once the field is created: the cached field list is read afresh.
    await integrations.gc.definedUserFields([START_FIELD], { fresh: true });
    await db.startLinkUser.updateMany({ data: { fieldStatus: null } });
    const c = customer();
    const linked = customer();
    await send(
      linked.clientId,
      `/start ${String((await startLink(`gc_user_id=${linked.gcUserId}&email=${linked.email}`)).body.code)}`,
    );
    await redeemNewStartCodes();
    for (const who of [c, linked]) {
      const query = `token=${TEST_GETCOURSE_WEBHOOK_TOKEN}&event=created&deal_id=${who.clientId}2&email=${who.email}&user_id=${who.gcUserId}&status=new&cost=100`;
      expect((await gcWebhook(new Request(`http://hub.test/api/webhooks/getcourse?${query}`))).status).toBe(200);
    }
    expect(await db.startLinkUser.findUnique({ where: { gcUserId: linked.gcUserId } })).not.toMatchObject({
      fieldStatus: "due",
    });
    expect(await writeDueStartLinkFields({ limit: 10 })).toMatchObject({ written: 1 });
    const { body } = await startLink(`gc_user_id=${c.gcUserId}`);
    expect(sims.gcSim.state.userFieldValue(sims.gcSim.state.findUserByEmail(c.email)!, START_FIELD)).toBe(body.url);
    expect(sims.gcSim.state.userFieldValue(sims.gcSim.state.findUserByEmail(linked.email)!, START_FIELD)).toBe("");
    // The same event again: the field already holds the link, so nothing is queued.
    const again = `token=${TEST_GETCOURSE_WEBHOOK_TOKEN}&event=paid&deal_id=${c.clientId}2&email=${c.email}&user_id=${c.gcUserId}&status=payed&cost=100&paid=100`;
    expect((await gcWebhook(new Request(`http://hub.test/api/webhooks/getcourse?${again}`))).status).toBe(200);
    expect(await db.startLinkUser.findUnique({ where: { gcUserId: c.gcUserId } })).toMatchObject({
      fieldStatus: "written",
    });
  });

  test("the bulk run from Settings covers every known not-linked user, with progress, and pauses while GetCourse is down", async () => {
    const users = [customer(), customer(), customer()];
    for (const [index, user] of users.entries()) {
      await db.gcOrder.create({
        data: { dealId: `bulk-${user.clientId}-${index}`, gcUserId: user.gcUserId, email: user.email },
      });
    }
    const run = await startBulkFieldWrite("admin@school.test");
    expect(run.status).toBe("running");
    expect(run.total).toBeGreaterThanOrEqual(users.length);
    // A second press while it runs answers the same run.
    expect((await startBulkFieldWrite("admin@school.test")).id).toBe(run.id);

    sims.gcSim.faults.add({ kind: "http_503" });
    expect(await writeDueStartLinkFields({ limit: 2 })).toMatchObject({ written: 0, stoppedBy: "gc_unavailable" });
    sims.gcSim.faults.clear();
    for (let i = 0; i < 20 && (await latestStartLinkRun())?.status === "running"; i++)
      await writeDueStartLinkFields({ limit: 5 });
    const done = await latestStartLinkRun();
    expect(done).toMatchObject({ id: run.id, status: "done", processed: run.total });
    expect(done?.written).toBeLessThanOrEqual(run.total);
    for (const user of users) {
      expect(sims.gcSim.state.userFieldValue(sims.gcSim.state.findUserByEmail(user.email)!, START_FIELD)).toMatch(
        new RegExp(`^https://t\\.me/${BOT}\\?start=gc-`),
      );
    }
  });

  test("a bulk run counts only its own users: linked customers from orders are not in it, progress never passes the total", async () => {
    await db.backfillRun.updateMany({ where: { status: "running" }, data: { status: "done" } });
    // A customer known from an order only (no start_link_users row yet), who linked meanwhile.
    const linked = customer();
    const fresh = [customer(), customer(), customer()];
    for (const [index, user] of [linked, ...fresh].entries()) {
      await db.gcOrder.create({
        data: { dealId: `own-${user.clientId}-${index}`, gcUserId: user.gcUserId, email: user.email },
      });
    }
    await send(
      linked.clientId,
      `/start ${createStartLinkCode({ gcUserId: linked.gcUserId, projectId: TEST_PROJECT_ID }, secret())}`,
    );
    expect((await redeemNewStartCodes()).outcomes).toContainEqual(expect.objectContaining({ kind: "linked" }));
    const run = await startBulkFieldWrite("admin@school.test");
    expect(run).toMatchObject({ status: "running", processed: 0 });
    // The total is exactly the rows the run marked: every fresh user, never the linked one.
    expect(await db.startLinkUser.count({ where: { runId: BigInt(run.id) } })).toBe(run.total);
    for (const user of fresh)
      expect(await db.startLinkUser.findUnique({ where: { gcUserId: user.gcUserId } })).toMatchObject({
        runId: BigInt(run.id),
      });
    expect(await db.startLinkUser.findUnique({ where: { gcUserId: linked.gcUserId } })).toMatchObject({
      runId: null,
    });
    const seen: number[] = [];
    for (let i = 0; i < 30 && (await latestStartLinkRun())?.status === "running"; i++) {
      await writeDueStartLinkFields({ limit: 2 });
      const now = await latestStartLinkRun();
      seen.push(now?.processed ?? -1);
      expect(now?.total).toBe(run.total);
      // Full only when done: the bar never shows all while the run still goes on.
      if (now?.status === "running") expect(now.processed).toBeLessThan(run.total);
    }
    expect(seen.every((value, index) => value <= run.total && value >= (seen[index - 1] ?? 0))).toBe(true);
    expect(await latestStartLinkRun()).toMatchObject({ status: "done", processed: run.total, total: run.total });
  });
});
