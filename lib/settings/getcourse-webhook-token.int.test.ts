import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { GET } from "@/app/api/webhooks/getcourse/route";
import { db } from "@/lib/db";
import { TEST_GETCOURSE_WEBHOOK_TOKEN, TEST_LINK_TOKEN } from "@/lib/testing/database-per-file";
import {
  API_TOKENS_SETTINGS_KEY,
  legacyGetCourseLinkTokenSetting,
  rotateApiToken,
  setLegacyGetCourseLinkTokenSetting,
} from "./api-tokens";
import { setTokenOverrides } from "./token-cache";

// The attack: whoever sets up the Salebot blocks holds the link token; it must not record a paid
// GetCourse order. Processes pasted before the split keep working only while "legacy" is on.

const admin = null;
process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
let nextDeal = 770_001;

async function paidCall(token: string): Promise<{ status: number; dealId: string }> {
  const dealId = String(nextDeal++);
  const query = new URLSearchParams({
    token,
    event: "paid",
    deal_id: dealId,
    email: "payer@school.test",
    status: "payed",
    paid: "99000",
  });
  const response = await GET(new Request(`http://hub.test/api/webhooks/getcourse?${query}`));
  await response.arrayBuffer();
  return { status: response.status, dealId };
}

const stored = (dealId: string) => db.gcOrder.findUnique({ where: { dealId } });

afterEach(async () => {
  await db.setting.deleteMany({ where: { key: API_TOKENS_SETTINGS_KEY } });
  setTokenOverrides(undefined);
  await setLegacyGetCourseLinkTokenSetting(admin, false);
});

describe("migration getcourse_webhook_token: legacy on only where data already existed", () => {
  const migration = readFileSync(
    path.join(process.cwd(), "prisma/migrations/20261205232700_getcourse_webhook_token/migration.sql"),
    "utf8",
  );

  // First in the file: the database is still empty here.
  test("an empty database stays without the legacy acceptance", async () => {
    await db.$executeRawUnsafe(migration);
    expect(await db.setting.findUnique({ where: { key: API_TOKENS_SETTINGS_KEY } })).toBeNull();
  });

  test("a database holding links or GetCourse events keeps accepting the link token, its rotated tokens kept", async () => {
    await db.setting.create({ data: { key: API_TOKENS_SETTINGS_KEY, value: { read: { sealed: "x", hint: "abcd" } } } });
    await db.link.create({ data: { projectId: "1", sbClientId: "mig-1", email: "mig@school.test", source: "bot" } });
    await db.$executeRawUnsafe(migration);
    const row = await db.setting.findUnique({ where: { key: API_TOKENS_SETTINGS_KEY } });
    expect(row?.value).toEqual({ read: { sealed: "x", hint: "abcd" }, legacyGetCourseLinkToken: true });
    await db.link.deleteMany({ where: { sbClientId: "mig-1" } });
  });
});

describe("the GetCourse webhook has a token of its own", () => {
  test("the link token cannot post a paid order on a new install; the webhook token can", async () => {
    expect(await legacyGetCourseLinkTokenSetting()).toBe(false);
    const forged = await paidCall(TEST_LINK_TOKEN);
    expect(forged.status).toBe(401);
    expect(await stored(forged.dealId)).toBeNull();

    const real = await paidCall(TEST_GETCOURSE_WEBHOOK_TOKEN);
    expect(real.status).toBe(200);
    expect(await stored(real.dealId)).toMatchObject({ paid: true });
  });

  test("with the legacy setting on, processes pasted with the link token still record payments", async () => {
    await setLegacyGetCourseLinkTokenSetting(admin, true);
    const legacy = await paidCall(TEST_LINK_TOKEN);
    expect(legacy.status).toBe(200);
    expect(await stored(legacy.dealId)).toMatchObject({ paid: true });
    expect((await paidCall(TEST_GETCOURSE_WEBHOOK_TOKEN)).status).toBe(200);
    expect(await db.auditLog.count({ where: { target: "token:getcourse.legacy_link_token" } })).toBeGreaterThan(0);

    await setLegacyGetCourseLinkTokenSetting(admin, false);
    expect((await paidCall(TEST_LINK_TOKEN)).status).toBe(401);
  });

  test("rotating the webhook token locks the old one out and leaves the link token alone", async () => {
    const fresh = await rotateApiToken(admin, "getcourse");
    expect((await paidCall(TEST_GETCOURSE_WEBHOOK_TOKEN)).status).toBe(401);
    expect((await paidCall(fresh)).status).toBe(200);
    expect((await paidCall(TEST_LINK_TOKEN)).status).toBe(401);
  });
});
