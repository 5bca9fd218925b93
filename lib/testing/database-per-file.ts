import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db";
import { stopBoss } from "@/lib/jobs/boss";
import { closeClusterLocks } from "@/lib/jobs/cluster-lock";
import { adminQuery, databaseUrl, SERVER_URL_VAR, TEMPLATE_VAR } from "./test-server";

// Each integration test file runs on its own copy of the migrated template.
const serverUrl = process.env[SERVER_URL_VAR];
const template = process.env[TEMPLATE_VAR];
if (!serverUrl || !template) throw new Error("integration tests need lib/testing/global-setup.ts");

export const TEST_LINK_TOKEN = "test-link-token-0123456789";
export const TEST_READ_TOKEN = "test-read-token-0123456789";
export const TEST_GETCOURSE_WEBHOOK_TOKEN = "test-gc-webhook-token-0123456789";
/** The tokens a test hands to what calls the hub (simulators, demo): each webhook gets its own. */
export const TEST_HUB_TOKENS = { link: TEST_LINK_TOKEN, getcourseWebhook: TEST_GETCOURSE_WEBHOOK_TOKEN };

const database = `hub_test_${randomUUID().replace(/-/g, "").slice(0, 16)}`;

async function cloneTemplate(attempt = 0): Promise<void> {
  try {
    await adminQuery(serverUrl as string, `CREATE DATABASE "${database}" TEMPLATE "${template}"`);
  } catch (error) {
    // 55006: the template is briefly in use by a parallel clone; try again shortly.
    if ((error as { code?: string }).code === "55006" && attempt < 20) {
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      return cloneTemplate(attempt + 1);
    }
    throw error;
  }
}

await cloneTemplate();
process.env.DATABASE_URL = databaseUrl(serverUrl, database);
process.env.LINK_API_TOKEN ??= TEST_LINK_TOKEN;
process.env.READ_API_TOKEN ??= TEST_READ_TOKEN;
process.env.GETCOURSE_WEBHOOK_TOKEN ??= TEST_GETCOURSE_WEBHOOK_TOKEN;
process.env.LINK_RETRY_BASE_SECONDS ??= "1";

afterAll(async () => {
  // Imported here, not above: a test file sets its environment before these modules first load.
  const [{ stopWatchingSettings }, { settleKeyLeases }] = await Promise.all([
    import("@/lib/settings/load"),
    import("@/lib/linking/key-lock"),
  ]);
  await stopWatchingSettings();
  await stopBoss();
  await settleKeyLeases();
  await closeClusterLocks();
  await disconnectDb();
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});
