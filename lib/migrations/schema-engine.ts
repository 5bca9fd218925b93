import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { DiffTarget, MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import pg, { type PoolConfig } from "pg";
import { catalogueFriendlyConnection } from "./catalogue-char-columns";

/**
 * Prisma's migrations, driven through the WebAssembly schema engine over our own pg connection,
 * because the native engine that `prisma migrate` downloads cannot be fetched everywhere we run.
 * The folder format and the `_prisma_migrations` table are Prisma's own, so `prisma migrate
 * deploy` works unchanged wherever the native engine is available.
 */
export const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
export const MIGRATIONS_DIR = path.resolve("prisma/migrations");
const LOCKFILE = "migration_lock.toml";
const NO_FILTER = { externalTables: [], externalEnums: [] };

/**
 * pg gives a connection string precedence over `database`, and the adapter opens its shadow
 * database by overriding `database`; so hand it the parts, never the string.
 */
export function poolConfigFromUrl(url: string): PoolConfig {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: decodeURIComponent(u.hostname) || u.searchParams.get("host") || "localhost",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.slice(1)) || undefined,
    ssl: sslmode && sslmode !== "disable" ? { rejectUnauthorized: sslmode === "verify-full" } : undefined,
  };
}

const ignorePoolError = () => {};

/**
 * adapter-pg's own shadow database drops the database while its pool still holds a connection
 * (and leaks a pool); this one closes the pool first and then drops the database.
 */
class PgWithShadowDatabase implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open = new Set<SqlDriverAdapter>();

  constructor(private readonly config: PoolConfig) {}

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await catalogueFriendlyConnection(this.config);
    this.open.add(adapter);
    return adapter;
  }

  /** The engine does not close its connections when freed; we do, so the database can be dropped. */
  async disposeAll(): Promise<void> {
    await Promise.all([...this.open].map((adapter) => adapter.dispose().catch(ignorePoolError)));
    this.open.clear();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_shadow_${randomUUID().replace(/-/g, "")}`;
    await this.admin(`CREATE DATABASE "${name}"`);
    const adapter = await catalogueFriendlyConnection({ ...this.config, database: name });
    const release = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await release();
      await this.admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  }

  private async admin(sql: string): Promise<void> {
    const client = new pg.Client(this.config);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }
}

/** The engine reports a Rust panic's message through this global before it throws. */
const panicRegistry = {
  message: "",
  set_message(message: string) {
    this.message = message;
  },
};

async function loadEngineModule(): Promise<typeof import("@prisma/schema-engine-wasm")> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panicRegistry }).PRISMA_WASM_PANIC_REGISTRY ??= panicRegistry;
  try {
    return await import("@prisma/schema-engine-wasm");
  } catch (error) {
    throw new Error(
      "Cannot load the Prisma schema engine (WebAssembly). Run node with --experimental-wasm-modules " +
        "(the npm scripts do).",
      { cause: error },
    );
  }
}

export async function withSchemaEngine<T>(
  databaseUrl: string,
  work: (engine: SchemaEngine) => Promise<T>,
  schemaPath: string = SCHEMA_PATH,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const connections = new PgWithShadowDatabase(poolConfigFromUrl(databaseUrl));
  const adapter = bindMigrationAwareSqlAdapterFactory(connections);
  const schema = readFileSync(schemaPath, "utf8");
  const engine = await SchemaEngine.new({ datamodels: [[schemaPath, schema]] }, () => {}, adapter);
  try {
    return await work(engine);
  } catch (error) {
    if (panicRegistry.message) throw new Error(`schema engine panicked: ${panicRegistry.message}`, { cause: error });
    throw error;
  } finally {
    engine.free();
    await connections.disposeAll();
  }
}

export function readMigrationList(dir: string = MIGRATIONS_DIR): MigrationList {
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
    : [];
  const lockPath = path.join(dir, LOCKFILE);
  return {
    baseDir: dir,
    lockfile: { path: LOCKFILE, content: existsSync(lockPath) ? readFileSync(lockPath, "utf8") : null },
    shadowDbInitScript: "",
    // The engine resolves each folder against baseDir: a name, not an absolute path.
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, "migration.sql");
      return {
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: existsSync(file)
            ? { tag: "ok" as const, value: readFileSync(file, "utf8") }
            : { tag: "error" as const, value: `${file} is missing` },
        },
      };
    }),
  };
}

/** Applies every migration not yet recorded in `_prisma_migrations`; returns the names applied. */
export async function applyMigrations(databaseUrl: string, dir: string = MIGRATIONS_DIR): Promise<string[]> {
  return withSchemaEngine(databaseUrl, async (engine) => {
    const result = await engine.applyMigrations({ migrationsList: readMigrationList(dir), filters: NO_FILTER });
    return result.appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database built from the migrations folder to `schema.prisma`; empty when
 * they agree. Replays the migrations on a throw-away shadow database.
 */
export async function diffMigrationsToSchema(
  databaseUrl: string,
  dir: string = MIGRATIONS_DIR,
  schemaPath: string = SCHEMA_PATH,
): Promise<string> {
  return withSchemaEngine(
    databaseUrl,
    async (engine) => {
      const list = readMigrationList(dir);
      const from: DiffTarget = list.migrationDirectories.length > 0 ? { tag: "migrations", ...list } : { tag: "empty" };
      const to: DiffTarget = {
        tag: "schemaDatamodel",
        files: [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }],
      };
      const result = await engine.diff({ from, to, script: true, exitCode: null, filters: NO_FILTER });
      const sql = (result.stdout ?? "").trim();
      return sql === "-- This is an empty migration." ? "" : sql;
    },
    schemaPath,
  );
}
