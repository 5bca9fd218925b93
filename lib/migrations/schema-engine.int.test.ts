import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "vitest";
import { applyMigrations, diffMigrationsToSchema, SCHEMA_PATH } from "./schema-engine";

const url = () => process.env.DATABASE_URL as string;

test("schema.prisma and the migrations folder agree (run `npm run db:migration -- <name>` if this fails)", async () => {
  expect(await diffMigrationsToSchema(url())).toBe("");
});

test("a model added to the schema without a migration is caught", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hub-schema-"));
  const schemaPath = path.join(dir, "schema.prisma");
  writeFileSync(schemaPath, `${readFileSync(SCHEMA_PATH, "utf8")}\nmodel Drift {\n  id Int @id\n}\n`);
  const sql = await diffMigrationsToSchema(url(), undefined, schemaPath);
  expect(sql).toContain('CREATE TABLE "Drift"');
});

test("applying again changes nothing and every migration is recorded", async () => {
  expect(await applyMigrations(url())).toEqual([]);
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    const { rows } = await client.query<{ migration_name: string; finished_at: Date | null }>(
      "SELECT migration_name, finished_at FROM _prisma_migrations",
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
  } finally {
    await client.end();
  }
});
