import { randomUUID } from "node:crypto";
import { afterAll } from "vitest";
import { disconnectDb } from "@/lib/db";
import { adminQuery, databaseUrl, SERVER_URL_VAR, TEMPLATE_VAR } from "./test-server";

// Each integration test file runs on its own copy of the migrated template.
const serverUrl = process.env[SERVER_URL_VAR];
const template = process.env[TEMPLATE_VAR];
if (!serverUrl || !template) throw new Error("integration tests need lib/testing/global-setup.ts");

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

afterAll(async () => {
  await disconnectDb();
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});
