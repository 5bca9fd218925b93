import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
});

// The server actions read the session through next-auth and the locale through next/headers;
// here the session is whoever `session.userId` names.
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

const { createCampaignAction, setArchivedAction } = await import("@/app/(dashboard)/campaigns/actions");
const { signedInAs } = await import("@/lib/auth/test-session");
const { db } = await import("@/lib/db");
const { getRevenueByGroup } = await import("@/lib/analytics");
const { insertClient, insertLink, insertOrder } = await import("@/lib/analytics/test-fixtures");
const { createCampaign, setCampaignArchived } = await import("./manage");
const { listCampaigns } = await import("@/lib/queries/campaigns");
const { getCampaignStats } = await import("@/lib/queries/campaign-stats");

type Actor = { id: string; email: string; role: "admin" | "staff" | "marketer" };
let marketer: Actor;
let staff: Actor;

beforeAll(async () => {
  marketer = { ...(await signedInAs("marketer")).user, role: "marketer" };
  staff = { ...(await signedInAs("staff")).user, role: "staff" };
});
beforeEach(async () => {
  session.userId = null;
  await db.campaignClient.deleteMany();
  await db.campaign.deleteMany();
  await db.gcOrder.deleteMany();
  await db.link.deleteMany();
  await db.salebotClient.deleteMany();
});

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

describe("creating and archiving", () => {
  test("created with a generated code and both links, audited; a taken code is refused inline", async () => {
    const created = await createCampaign(marketer, {
      name: "Весна",
      bot: "@school_bot",
      kind: "salebot_link",
      salebotLink: "school_1",
      utmSource: "vk",
      utmMedium: "cpc",
    });
    if (!created.ok) throw new Error(JSON.stringify(created.errors));
    const code = created.campaign.startCode;
    expect(code).toMatch(/^c_[a-z2-9]{10}$/);
    expect(created.campaign.telegramUrl).toBe(`https://t.me/school_bot?start=${code}`);
    expect(created.campaign.salebotUrl).toBe(
      `https://salebot.pro/r/school_1?utm_source=vk&utm_medium=cpc&hub_campaign=${code}`,
    );
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "campaign.create" } });
    expect(audit).toMatchObject({
      actorEmail: marketer.email,
      target: `campaign:${created.campaign.id}`,
      after: expect.objectContaining({ startCode: code, utmSource: "vk" }),
    });

    expect(
      await createCampaign(marketer, { name: "Copy", bot: "school_bot", startCode: code, utmSource: "vk" }),
    ).toEqual({ ok: false, errors: { startCode: "code_taken" } });
    expect(await db.campaign.count()).toBe(1);
  });

  test("archived and restored, each audited; the archived one leaves the default list", async () => {
    const created = await createCampaign(marketer, {
      name: "Old",
      bot: "school_bot",
      startCode: "old_code",
      utmSource: "tg",
    });
    if (!created.ok) throw new Error("not created");
    await setCampaignArchived(marketer, created.campaign.id, true);
    expect(await listCampaigns()).toEqual([]);
    expect((await listCampaigns({ includeArchived: true }))[0]?.archivedAt).toBeInstanceOf(Date);
    await setCampaignArchived(marketer, created.campaign.id, false);
    expect(await listCampaigns()).toHaveLength(1);
    const actions = (
      await db.auditLog.findMany({ where: { target: `campaign:${created.campaign.id}` }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["campaign.create", "campaign.archive", "campaign.unarchive"]);
  });

  test("a marketer creates through the action; field errors come back translated; staff is refused", async () => {
    session.userId = marketer.id;
    const bad = await createCampaignAction(
      { status: "idle" },
      form({ name: "X", bot: "school_bot", startCode: "bad code", utmSource: "" }),
    );
    expect(bad).toMatchObject({
      status: "error",
      fields: { startCode: expect.stringContaining("64"), utmSource: "Заполните поле." },
      values: { name: "X" },
    });
    const good = await createCampaignAction(
      { status: "idle" },
      form({ name: "Осень", bot: "school_bot", kind: "telegram_start", startCode: "autumn", utmSource: "tg" }),
    );
    expect(good).toMatchObject({
      status: "ok",
      created: { telegramUrl: "https://t.me/school_bot?start=autumn", salebotUrl: null },
    });

    session.userId = staff.id;
    const forbidden = { status: "error", message: "Нет прав на это действие." };
    expect(
      await createCampaignAction({ status: "idle" }, form({ name: "Nope", bot: "school_bot", utmSource: "tg" })),
    ).toEqual(forbidden);
    const id = (await db.campaign.findFirstOrThrow()).id.toString();
    expect(await setArchivedAction({ status: "idle" }, form({ id, archived: "true" }))).toEqual(forbidden);
    session.userId = null;
    expect(await setArchivedAction({ status: "idle" }, form({ id, archived: "true" }))).toMatchObject({
      status: "error",
      message: expect.stringContaining("войдите снова"),
    });
    expect(await db.campaign.count()).toBe(1);
    expect((await db.campaign.findFirstOrThrow()).archivedAt).toBeNull();
  });
});

describe("stats", () => {
  /**
   * March 2026 (Moscow), by hand:
   *   spring: c1 (linked u1: o1 1000 RUB paid, o2 700 refunded, o3 50 USD paid), c2 (not linked),
   *           p2/c6 (linked to the same u1, later first message: its orders count for c1 only);
   *           c4 came in April, outside the period.
   *   autumn: c3 (linked by e-mail: o4 300 RUB paid, an e-mail-only order).
   */
  async function seed() {
    await insertClient({ id: "c1", startParam: "spring", first: "2026-03-05T10:00:00Z" });
    await insertClient({ id: "c2", startParam: "spring", first: "2026-03-10T10:00:00Z" });
    await insertClient({ id: "c3", startParam: "autumn", first: "2026-03-12T10:00:00Z" });
    await insertClient({ id: "c4", startParam: "spring", first: "2026-04-02T10:00:00Z" });
    await insertClient({ project: "p2", id: "c6", startParam: "spring", first: "2026-03-20T10:00:00Z" });
    // As the variables worker leaves them: fetched, so creating the campaign attributes them.
    await db.salebotClient.updateMany({ data: { variablesFetchedAt: new Date() } });
    await insertLink({ client: "c1", email: "a@x.io", gcUserId: "u1", linkedAt: "2026-03-05T11:00:00Z" });
    await insertLink({ client: "c3", email: "c@x.io", gcUserId: "u3", linkedAt: "2026-03-12T11:00:00Z" });
    await insertLink({
      project: "p2",
      client: "c6",
      email: "a@x.io",
      gcUserId: "u1",
      linkedAt: "2026-03-20T11:00:00Z",
    });
    await insertOrder({
      deal: "o1",
      gcUserId: "u1",
      status: "payed",
      paid: true,
      paidAmount: "1000",
      orderedAt: "2026-03-05T12:00:00Z",
      paidAt: "2026-03-05T12:30:00Z",
    });
    await insertOrder({
      deal: "o2",
      gcUserId: "u1",
      status: "cancelled",
      paid: false,
      cost: "700",
      paidAmount: "700",
      orderedAt: "2026-03-06T12:00:00Z",
      paidAt: "2026-03-06T12:30:00Z",
    });
    await insertOrder({
      deal: "o3",
      gcUserId: "u1",
      status: "payed",
      paid: true,
      paidAmount: "50",
      currency: "USD",
      orderedAt: "2026-03-07T12:00:00Z",
      paidAt: "2026-03-07T12:30:00Z",
    });
    await insertOrder({
      deal: "o4",
      gcUserId: null,
      email: "c@x.io",
      status: "payed",
      paid: true,
      paidAmount: "300",
      orderedAt: "2026-03-13T12:00:00Z",
      paidAt: "2026-03-13T12:30:00Z",
    });
  }

  test("clients, paid customers and revenue per campaign: refund out, currencies apart, each order once", async () => {
    await seed();
    const spring = await createCampaign(marketer, {
      name: "Spring",
      bot: "school_bot",
      startCode: "spring",
      utmSource: "tg_spring",
      utmMedium: "cpc",
    });
    const autumn = await createCampaign(marketer, {
      name: "Autumn",
      bot: "school_bot",
      startCode: "autumn",
      utmSource: "tg_autumn",
    });
    if (!spring.ok || !autumn.ok) throw new Error("not created");
    expect(spring.attributedExisting).toBe(4);
    // Registering a code already in use fills the clients' UTM where it was empty.
    expect(await db.salebotClient.findFirstOrThrow({ where: { clientId: "c1" } })).toMatchObject({
      utmSource: "tg_spring",
      utmMedium: "cpc",
    });

    const report = await getCampaignStats({ from: "2026-03-01", to: "2026-03-31" });
    expect(report.byCampaign.get(spring.campaign.id)).toEqual({
      clients: 3,
      paidCustomers: 2,
      paidOrders: 1,
      revenue: 1000,
      revenueByCurrency: { USD: 50 },
    });
    expect(report.byCampaign.get(autumn.campaign.id)).toEqual({
      clients: 1,
      paidCustomers: 1,
      paidOrders: 1,
      revenue: 300,
      revenueByCurrency: {},
    });

    // The same numbers as the analytics report grouped by start parameter.
    const analytics = await getRevenueByGroup({ from: "2026-03-01", to: "2026-03-31", groupBy: "start_param" });
    const springRow = analytics.rows.find((r) => r.key === "spring");
    expect(springRow).toMatchObject({ clients: 3, payingCustomers: 2, revenue: 1000, revenueByCurrency: { USD: 50 } });

    const april = await getCampaignStats({ from: "2026-04-01", to: "2026-04-30" });
    expect(april.byCampaign.get(spring.campaign.id)).toMatchObject({ clients: 1, paidCustomers: 0, revenue: 0 });
  });
});
