import { beforeAll, beforeEach, describe, expect, test, vi } from "vitest";

vi.hoisted(() => {
  process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
});

// Server actions read the session through next-auth and the locale through next/headers; here the
// session is whoever `session.userId` names (as in lib/campaigns/campaigns.int.test.ts).
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

const { retryAllAction, dismissFailureAction } = await import("@/app/(dashboard)/failures/actions");
const { confirmSuggestionAction } = await import("@/app/(dashboard)/suggestions/actions");
const { unlinkAction } = await import("@/app/(dashboard)/links/relink/actions");
const settings = await import("@/app/(dashboard)/settings/actions");
const campaigns = await import("@/app/(dashboard)/campaigns/actions");
const { signedInAs } = await import("@/lib/auth/test-session");
const { db } = await import("@/lib/db");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

const idle = { status: "idle" } as const;
let marketerId: string;
let adminId: string;

beforeAll(async () => {
  marketerId = (await signedInAs("marketer")).user.id;
  adminId = (await signedInAs("admin")).user.id;
});
beforeEach(() => {
  session.userId = null;
});

describe("a server action refused for the session answers on the form, not with a 500", () => {
  test("a marketer replaying staff and admin POSTs is told they may not, and nothing runs", async () => {
    session.userId = marketerId;
    const forbidden = { status: "error", message: "Нет прав на это действие." };
    expect(await retryAllAction(idle, form({ code: "gc_unavailable" }))).toEqual(forbidden);
    expect(await dismissFailureAction(idle, form({ id: "1", reason: "x" }))).toEqual(forbidden);
    expect(await confirmSuggestionAction(idle, form({ id: "1" }))).toEqual(forbidden);
    expect(await unlinkAction(idle, form({ project: "1", client: "1", confirm: "yes" }))).toEqual(forbidden);
    expect(await db.auditLog.count({ where: { action: { in: ["failure.retry_all", "failure.dismiss"] } } })).toBe(0);
  });

  test("settings and campaigns refuse on the form too, and a refused progress poll reads as nothing", async () => {
    session.userId = marketerId;
    const forbidden = { status: "error", message: "Нет прав на это действие." };
    expect(await settings.saveGetCourseAction(idle, form({ account: "x" }))).toEqual(forbidden);
    expect(await settings.rotateTokenAction(idle, form({ kind: "link" }))).toEqual(forbidden);
    expect(await settings.startBackfillAction(idle, form({ from: "2026-01-01", to: "2026-01-02" }))).toEqual(forbidden);
    expect(await settings.backfillProgressAction()).toBeNull();
    expect(await db.auditLog.count({ where: { action: { startsWith: "settings." } } })).toBe(0);

    session.userId = null;
    expect(await campaigns.createCampaignAction(idle, form({ name: "x" }))).toEqual({
      status: "error",
      message: "Сеанс закончился: войдите снова и повторите.",
    });
  });

  test("an admin's settings form with a bad value is told what is wrong, not given a 500", async () => {
    session.userId = adminId;
    expect(await settings.startBackfillAction(idle, form({ from: "yesterday", to: "" }))).toMatchObject({
      status: "error",
    });
    expect(await campaigns.setArchivedAction(idle, form({ id: "999999", archived: "true" }))).toMatchObject({
      status: "error",
    });
  });

  test("an out-of-range delivery attempts value names the field and its bounds, and nothing is saved", async () => {
    session.userId = adminId;
    const fields = {
      method: "callback",
      "events.created.message": "gc_order_created",
      "events.paid.message": "gc_order_paid",
      "events.status_changed.message": "gc_order_status_changed",
      "activity.field": "last_bot_message_at",
    };
    for (const maxAttempts of ["0", "-3", "99999"]) {
      expect(await settings.saveForwardingAction(idle, form({ ...fields, maxAttempts }))).toEqual({
        status: "error",
        message: "Не сохранено, проверьте значения: Попыток доставки: от 1 до 20",
      });
    }
    expect(await db.setting.findUnique({ where: { key: "forwarding" } })).toBeNull();
    expect(await settings.saveForwardingAction(idle, form({ ...fields, maxAttempts: "20" }))).toMatchObject({
      status: "ok",
    });
  });

  test("signed out, the form says to sign in again", async () => {
    expect(await retryAllAction(idle, form({ code: "gc_unavailable" }))).toEqual({
      status: "error",
      message: "Сеанс закончился: войдите снова и повторите.",
    });
  });

  test("an admin's unlink without the confirmation tick unlinks nothing", async () => {
    session.userId = adminId;
    expect(await unlinkAction(idle, form({ project: "1", client: "1" }))).toMatchObject({
      status: "error",
      message: expect.stringContaining("Да, отвязать клиента"),
    });
  });
});
