import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { installIntegrations } from "@/lib/integrations";
import { getOverview } from "@/lib/queries/overview";
import { FIELD_SALEBOT, startSimulatedIntegrations, TEST_PROJECT_ID } from "@/lib/testing/simulated-integrations";
import { runMatchingOnce } from "./job";
import { updateMatchingSetting } from "./setting";
import { linkCustomer } from "@/lib/linking/link-customer";
import { countPendingSuggestions, listSuggestions, suggestionsQuerySchema } from "@/lib/queries/suggestions";
import { confirmSuggestion, dismissSuggestion, SupersededSuggestionError } from "./suggestions";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;
let nextId = 7_000;
const staff = { id: "1", email: "staff@school.test" };
const project = TEST_PROJECT_ID;

beforeAll(async () => {
  sims = await startSimulatedIntegrations();
  await db.user.create({ data: { id: 1n, email: staff.email, role: "staff", passwordHash: "x" } });
});
afterAll(async () => {
  await sims.close();
});
beforeEach(async () => {
  installIntegrations(sims.integrations);
  await updateMatchingSetting(null, { autoLinkPhone: false });
});

/** A GetCourse user the hub learnt from an order event whose «Вызвать URL» carried the phone. */
async function gcUser(
  phone: string,
  email = `gc${nextId++}@school.test`,
): Promise<{ email: string; gcUserId: string }> {
  const user = sims.gcSim.state.addUser({ email, phone, fields: { [FIELD_SALEBOT]: "" } });
  const dealId = `d${nextId++}`;
  await db.gcOrder.create({ data: { dealId, gcUserId: String(user.id), email } });
  await db.gcOrderEvent.create({
    data: {
      dedupeKey: dealId,
      dealId,
      kind: "created",
      occurredAt: new Date(),
      receivedAt: new Date(Date.now() - 60_000),
      payload: { deal_id: dealId, email, phone },
    },
  });
  return { email, gcUserId: String(user.id) };
}

async function client(
  input: { messenger?: string; platformId?: string; variables?: Record<string, string> } = {},
): Promise<string> {
  const clientId = String(nextId++);
  sims.sbSim.state.addClient({ id: Number(clientId), platformId: input.platformId ?? clientId });
  await db.salebotClient.create({
    data: {
      projectId: project,
      clientId,
      messenger: input.messenger ?? "telegram",
      platformId: input.platformId ?? clientId,
      variables: input.variables ?? {},
      variablesFetchedAt: new Date(),
      firstMessageAt: new Date(),
    },
  });
  return clientId;
}

async function said(clientId: string, text: string): Promise<void> {
  await db.salebotMessage.create({
    data: {
      projectId: project,
      messageId: `m${nextId++}`,
      clientId,
      direction: "in",
      text,
      receivedAt: new Date(Date.now() - 60_000),
      payload: {},
    },
  });
}

const run = () => runMatchingOnce(project, 0);
const suggestionOf = (sbClientId: string) => db.linkSuggestion.findFirst({ where: { projectId: project, sbClientId } });

describe("suggestions from what the chat knows", () => {
  test("a WhatsApp client's number matching one GetCourse user becomes a pending suggestion; confirming links it, audited", async () => {
    const user = await gcUser("8 (900) 111-22-33");
    const sb = await client({ messenger: "whatsapp", platformId: "79001112233@s.whatsapp.net" });
    await run();
    const suggestion = await suggestionOf(sb);
    expect(suggestion).toMatchObject({
      kind: "phone",
      value: "+79001112233",
      origin: "whatsapp_id",
      status: "pending",
      emails: [user.email],
      gcUserIds: [user.gcUserId],
    });

    const outcome = await confirmSuggestion(staff, suggestion!.id);
    expect(outcome.success).toBe(true);
    expect(
      await db.link.findUnique({ where: { projectId_sbClientId: { projectId: project, sbClientId: sb } } }),
    ).toMatchObject({ email: user.email, source: "suggestion", gcUserId: user.gcUserId });
    // Both sides written, the attempt logged, the decision audited.
    expect(sims.gcSim.state.userFieldValue(sims.gcSim.state.findUserByEmail(user.email)!, FIELD_SALEBOT)).toBe(sb);
    expect(sims.sbSim.state.client(sb)?.clientVariables["gc_user_id"]).toBe(user.gcUserId);
    expect(
      await db.linkAttempt.count({
        where: { sbClientId: sb, source: "suggestion", outcome: "success", actor: staff.email },
      }),
    ).toBe(1);
    expect(await suggestionOf(sb)).toMatchObject({ status: "linked", decidedBy: staff.email });
    const audit = await db.auditLog.findFirst({
      where: { action: "suggestion.confirm", target: `suggestion:${suggestion!.id}` },
    });
    expect(audit).toMatchObject({
      actorEmail: staff.email,
      after: expect.objectContaining({ status: "linked", email: user.email }),
    });

    await expect(confirmSuggestion(staff, suggestion!.id)).rejects.toMatchObject({ status: 409 });
  });

  test("a phone two GetCourse users share is ambiguous: shown, never linked, even with auto-linking on", async () => {
    await gcUser("+7 900 222-33-44");
    await gcUser("89002223344");
    await updateMatchingSetting(null, { autoLinkPhone: true });
    const sb = await client({ variables: { phone: "9002223344" } });
    await run();
    const suggestion = await suggestionOf(sb);
    expect(suggestion).toMatchObject({ status: "ambiguous", origin: "variable", value: "+79002223344" });
    expect(suggestion?.gcUserIds).toHaveLength(2);
    await expect(confirmSuggestion(staff, suggestion!.id)).rejects.toMatchObject({ status: 409 });
    expect(await db.link.count({ where: { sbClientId: sb } })).toBe(0);
  });

  test("an already linked client gets no suggestion, nor does a GetCourse user linked to someone else", async () => {
    const user = await gcUser("+79003334455");
    const linked = await client({ variables: { phone: "+79003334455" } });
    await db.link.create({
      data: { projectId: project, sbClientId: linked, email: "someone@school.test", source: "bot" },
    });
    const other = await client({ variables: { "client.phone": "+79003334455" } });
    await db.link.create({
      data: { projectId: project, sbClientId: String(nextId++), email: user.email, source: "bot" },
    });
    const tally = await run();
    expect(tally.clients).toMatchObject({ already_linked: 1, linked_elsewhere: 1 });
    expect(await suggestionOf(linked)).toBeNull();
    expect(await suggestionOf(other)).toBeNull();
  });

  test("a GetCourse user linked to another client meanwhile (the bot's flow): the suggestion leaves the waiting list, and confirming it tries nothing and logs no failure", async () => {
    const user = await gcUser("+79004445566");
    const sb = await client({ messenger: "whatsapp", platformId: "79004445566" });
    await run();
    const suggestion = await suggestionOf(sb);
    expect(suggestion).toMatchObject({ status: "pending" });
    const waitingBefore = await countPendingSuggestions();

    // Another chat types the same e-mail into the bot.
    const other = await client();
    const linked = await linkCustomer(
      { email: user.email, sbClientId: other, telegramId: other },
      { source: "bot", requestId: `bot-${other}` },
    );
    expect(linked.success).toBe(true);
    expect(await suggestionOf(sb)).toMatchObject({
      status: "superseded",
      linkedClientId: other,
      linkedEmail: user.email,
      decidedBy: null,
    });
    expect((await suggestionOf(sb))?.decidedAt).toBeInstanceOf(Date);
    // Off the work queue, its count and the overview's number; on the decided list.
    expect(await countPendingSuggestions()).toBe(waitingBefore - 1);
    expect((await getOverview()).pendingSuggestions).toBe(waitingBefore - 1);
    const list = (view: "pending" | "decided") =>
      listSuggestions(suggestionsQuerySchema.parse({ view, pageSize: "100" }));
    expect((await list("pending")).rows.map((row) => row.sbClientId)).not.toContain(sb);
    expect((await list("decided")).rows.find((row) => row.sbClientId === sb)).toMatchObject({
      status: "superseded",
      linkedClientId: other,
      linkedEmail: user.email,
    });

    // A staff member on a stale page presses «Связать»: a clear refusal, nothing tried or logged.
    await expect(confirmSuggestion(staff, suggestion!.id)).rejects.toBeInstanceOf(SupersededSuggestionError);
    expect(await db.linkAttempt.count({ where: { sbClientId: sb } })).toBe(0);
    expect(await db.link.count({ where: { sbClientId: sb } })).toBe(0);
    expect(await suggestionOf(sb)).toMatchObject({ status: "superseded" });
  });

  test("the client linked another way (start link, admin): its waiting and ambiguous suggestions are superseded by that link", async () => {
    await gcUser("+79004440001");
    await gcUser("+79004440002");
    await gcUser("89004440002");
    const sb = await client({ variables: { phone: "+79004440001", "client.phone": "+79004440002" } });
    await run();
    const before = await db.linkSuggestion.findMany({ where: { projectId: project, sbClientId: sb } });
    expect(before.map((row) => row.status).sort()).toEqual(["ambiguous", "pending"]);

    await db.link.create({
      data: { projectId: project, sbClientId: sb, email: "typed.elsewhere@school.test", source: "admin" },
    });
    const after = await db.linkSuggestion.findMany({ where: { projectId: project, sbClientId: sb } });
    expect(after).toHaveLength(2);
    for (const row of after) {
      expect(row).toMatchObject({
        status: "superseded",
        linkedClientId: sb,
        linkedEmail: "typed.elsewhere@school.test",
      });
    }
  });

  test("a relink that moves a link onto the suggested e-mail supersedes it; an unrelated link changes nothing", async () => {
    const user = await gcUser("+79004440003");
    const sb = await client({ variables: { phone: "+79004440003" } });
    await run();
    const other = String(nextId++);
    await db.link.create({
      data: { projectId: project, sbClientId: other, email: "first@school.test", source: "bot" },
    });
    await db.link.create({
      data: { projectId: project, sbClientId: String(nextId++), email: "unrelated@school.test", source: "bot" },
    });
    expect(await suggestionOf(sb)).toMatchObject({ status: "pending" });
    // The admin's relink rewrites the row in place.
    await db.link.update({
      where: { projectId_sbClientId: { projectId: project, sbClientId: other } },
      data: { email: user.email, source: "admin" },
    });
    expect(await suggestionOf(sb)).toMatchObject({
      status: "superseded",
      linkedClientId: other,
      linkedEmail: user.email,
    });
  });

  test("a suggestion stored just after a link the trigger could not see is caught at confirm, before any attempt", async () => {
    const user = await gcUser("+79004440004");
    const sb = await client({ messenger: "whatsapp", platformId: "79004440004" });
    await run();
    const suggestion = await suggestionOf(sb);
    const other = String(nextId++);
    await db.link.create({ data: { projectId: project, sbClientId: other, email: user.email, source: "form" } });
    // As if the matcher stored it after the link was saved: waiting again, with no link recorded.
    await db.linkSuggestion.update({
      where: { id: suggestion!.id },
      data: { status: "pending", decidedAt: null, linkedClientId: null, linkedEmail: null },
    });
    await expect(confirmSuggestion(staff, suggestion!.id)).rejects.toMatchObject({
      status: 409,
      code: "suggestion_superseded",
    });
    expect(await suggestionOf(sb)).toMatchObject({
      status: "superseded",
      linkedClientId: other,
      linkedEmail: user.email,
    });
    expect(await db.linkAttempt.count({ where: { sbClientId: sb } })).toBe(0);
  });

  test("confirming one suggestion supersedes the client's other waiting ones, not itself", async () => {
    const byPhone = await gcUser("+79004440005");
    const byMail = await gcUser("+79004440006");
    const sb = await client({ messenger: "whatsapp", platformId: "79004440005" });
    await said(sb, `моя почта ${byMail.email}`);
    await run();
    const phone = await db.linkSuggestion.findFirst({ where: { projectId: project, sbClientId: sb, kind: "phone" } });
    const mail = await db.linkSuggestion.findFirst({ where: { projectId: project, sbClientId: sb, kind: "email" } });
    expect([phone?.status, mail?.status]).toEqual(["pending", "pending"]);
    expect((await confirmSuggestion(staff, phone!.id)).success).toBe(true);
    expect(await db.linkSuggestion.findUnique({ where: { id: phone!.id } })).toMatchObject({
      status: "linked",
      decidedBy: staff.email,
    });
    expect(await db.linkSuggestion.findUnique({ where: { id: mail!.id } })).toMatchObject({
      status: "superseded",
      linkedClientId: sb,
      linkedEmail: byPhone.email,
    });
  });

  test("an e-mail written in a message is looked up; dismissing it with a reason is audited and links nothing", async () => {
    const user = await gcUser("+79005556677", "Olga.Pass@School.test".toLowerCase());
    const sb = await client();
    await said(sb, "Здравствуйте! Моя почта: Olga.Pass@School.test, оплатила вчера");
    await run();
    const suggestion = await suggestionOf(sb);
    expect(suggestion).toMatchObject({ kind: "email", value: user.email, origin: "message", status: "pending" });

    await dismissSuggestion(staff, suggestion!.id, "не та Ольга");
    expect(await suggestionOf(sb)).toMatchObject({
      status: "dismissed",
      dismissReason: "не та Ольга",
      decidedBy: staff.email,
    });
    expect(
      await db.auditLog.findFirst({ where: { action: "suggestion.dismiss", target: `suggestion:${suggestion!.id}` } }),
    ).toMatchObject({
      after: expect.objectContaining({ reason: "не та Ольга" }),
    });
    expect(await db.link.count({ where: { sbClientId: sb } })).toBe(0);
    await expect(dismissSuggestion(staff, suggestion!.id, "again")).rejects.toMatchObject({ status: 409 });
  });

  test("with auto-linking on, a unique phone links on its own (source suggestion) while an e-mail still waits for staff", async () => {
    await updateMatchingSetting(staff, { autoLinkPhone: true });
    expect(await db.auditLog.count({ where: { action: "settings.update", target: "matching" } })).toBeGreaterThan(0);
    const byPhone = await gcUser("+79006667788");
    const phoneClient = await client({ variables: { phone: "8 900 666 77 88" } });
    const byMail = await gcUser("+79990000001");
    const mailClient = await client();
    await said(mailClient, byMail.email);
    await run();
    expect(await suggestionOf(phoneClient)).toMatchObject({ status: "linked", decidedBy: "auto" });
    expect(await db.link.findFirst({ where: { sbClientId: phoneClient } })).toMatchObject({
      email: byPhone.email,
      source: "suggestion",
    });
    expect(
      await db.linkAttempt.count({
        where: { sbClientId: phoneClient, source: "suggestion", outcome: "success", actor: "auto" },
      }),
    ).toBe(1);
    expect(await suggestionOf(mailClient)).toMatchObject({ status: "pending", kind: "email" });
  });

  test("each client and message is read once: a second run suggests nothing new", async () => {
    await run();
    const before = await db.linkSuggestion.count();
    const again = await run();
    expect(again.clients.read + again.messages.read).toBe(0);
    expect(await db.linkSuggestion.count()).toBe(before);
  });

  test("the overview counts the week's links made without typing, and the suggestions waiting", async () => {
    const overview = await getOverview();
    const suggested = await db.link.count({ where: { source: "suggestion" } });
    expect(suggested).toBeGreaterThanOrEqual(2);
    expect(overview.noTypingWeek).toBe(suggested);
    expect(overview.noTypingShare).toBeCloseTo(suggested / overview.linksWeek);
    expect(overview.pendingSuggestions).toBe(await db.linkSuggestion.count({ where: { status: "pending" } }));
  });
});
