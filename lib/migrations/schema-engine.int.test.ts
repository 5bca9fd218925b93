import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test } from "vitest";
import { applyMigrations, diffMigrationsToSchema, SCHEMA_PATH } from "./schema-engine";

const url = () => process.env.DATABASE_URL as string;

// A migration generated while these disagree carries the difference with it: e.g. DROP INDEX of
// an index a migration made by hand that schema.prisma does not declare.
test("schema.prisma and the migrations folder agree (run `npm run db:migration -- <name>` if this fails)", async () => {
  expect(await diffMigrationsToSchema(url())).toBe("");
});

test("the search indexes are what migration links_search_text made, not what schema.prisma could say", async () => {
  // schema.prisma declares links_linked_at_search_idx with search_text as a third key, which is
  // how the schema engine reads an INCLUDE column; this keeps its comment true.
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
        WHERE tablename = 'links' AND indexname IN ('links_linked_at_search_idx', 'links_search_text_trgm_idx')
        ORDER BY indexname`,
    );
    expect(rows.map((row) => `${row.name}: ${row.definition.replace(/^.* USING /, "")}`)).toEqual([
      "links_linked_at_search_idx: btree (linked_at, id) INCLUDE (search_text)",
      "links_search_text_trgm_idx: gin (search_text gin_trgm_ops)",
    ]);
  } finally {
    await client.end();
  }
});

test("a model added to the schema without a migration is caught", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hub-schema-"));
  const schemaPath = path.join(dir, "schema.prisma");
  writeFileSync(schemaPath, `${readFileSync(SCHEMA_PATH, "utf8")}\nmodel Drift {\n  id Int @id\n}\n`);
  const sql = await diffMigrationsToSchema(url(), undefined, schemaPath);
  expect(sql).toContain('CREATE TABLE "Drift"');
});

// The engine sees a partial index only with the `partialIndexes` preview feature on.
test.each([
  ["a trigram index", "links_search_text_trgm_idx"],
  ["a partial index", "links_salebot_pending_linked_at_idx"],
])("%s made by hand that schema.prisma stops declaring is caught", async (_kind, index) => {
  const dir = mkdtempSync(path.join(tmpdir(), "hub-schema-"));
  const schemaPath = path.join(dir, "schema.prisma");
  const schema = readFileSync(SCHEMA_PATH, "utf8");
  const declaration = new RegExp(`^\\s*@@index\\(.*map: "${index}"\\)$`, "m");
  expect(schema).toMatch(declaration);
  writeFileSync(schemaPath, schema.replace(declaration, ""));
  expect(await diffMigrationsToSchema(url(), undefined, schemaPath)).toContain(`DROP INDEX "${index}"`);
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
