import path from "node:path";
import pg from "pg";
import { envValue, getEnv } from "@/lib/env";
import { log } from "@/lib/observability/log";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { GroupCommitter } from "./group-commit";
import { type IngestedMessage, parseSalebotWebhook } from "./salebot-message";
import { storeMessages } from "./salebot-store";
import { Spool } from "./spool";

/**
 * The Salebot webhook's durable path. Salebot never resends a webhook that failed, so an accepted
 * message is answered 200 only once it is committed to Postgres (group commit) or, with Postgres
 * unreachable, fsynced to the spool, which is replayed in order when Postgres is back.
 */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "57P01",
  "57P02",
  "57P03",
]);

export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: string; message?: string };
  if (code && (CONNECTION_ERROR_CODES.has(code) || code.startsWith("08"))) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable/i.test(
    message ?? "",
  );
}

type Ingestor = {
  pool: pg.Pool;
  committer: GroupCommitter<IngestedMessage>;
  spool: Spool<IngestedMessage>;
  replaying: Promise<void> | null;
  replayTimer: NodeJS.Timeout | null;
  spooled: number;
};

// One per process (lib/process-singleton.ts): the lean server and Next's route both ingest, and a
// spool folder must have one writer and one replayer.
const INGESTOR = "salebot-ingestor";

function spoolDir(): string {
  return envValue("SPOOL_DIR") ?? path.resolve(".data/spool");
}

async function writeOrIsolate(ingestor: Ingestor, items: IngestedMessage[]): Promise<void> {
  try {
    await storeMessages(ingestor.pool, items);
  } catch (error) {
    if (isConnectionError(error) || items.length === 1) throw error;
    // One bad message must not fail the others that happened to share its batch.
    log.warn("salebot batch failed; writing its messages one by one", { error, size: items.length });
    const results = await Promise.allSettled(items.map((item) => storeMessages(ingestor.pool, [item])));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

function scheduleReplay(ingestor: Ingestor, delayMs = 500): void {
  ingestor.replayTimer ??= setTimeout(() => {
    ingestor.replayTimer = null;
    void replaySpool(ingestor);
  }, delayMs);
  ingestor.replayTimer.unref?.();
}

async function replaySpool(ingestor: Ingestor): Promise<void> {
  if (ingestor.replaying) return ingestor.replaying;
  ingestor.replaying = (async () => {
    try {
      const replayed = await ingestor.spool.replay((items) => writeOrIsolate(ingestor, items));
      if (replayed > 0) log.info("salebot spool replayed", { messages: replayed });
      ingestor.spooled = ingestor.spool.depth();
      if (ingestor.spooled > 0) scheduleReplay(ingestor, 50);
    } catch (error) {
      ingestor.spooled = ingestor.spool.depth();
      log.warn("salebot spool replay failed; will try again", { error: String(error), depth: ingestor.spooled });
      scheduleReplay(ingestor, 1_000);
    } finally {
      ingestor.replaying = null;
    }
  })();
  return ingestor.replaying;
}

function createIngestor(): Ingestor {
  const connectionString = envValue("DATABASE_URL");
  if (!connectionString) throw new Error("DATABASE_URL is not set");
  const pool = new pg.Pool({
    connectionString,
    max: 6,
    connectionTimeoutMillis: 2_000,
    query_timeout: 10_000,
    application_name: "hub-ingest",
  });
  pool.on("error", () => {});
  const spool = new Spool<IngestedMessage>(spoolDir(), "salebot");
  const ingestor: Ingestor = {
    pool,
    spool,
    committer: null as never,
    replaying: null,
    replayTimer: null,
    spooled: spool.depth(),
  };
  // Concurrent batches touching the same client queue on its row lock; few, larger batches win.
  const concurrency = envValue("INGEST_WRITERS");
  ingestor.committer = new GroupCommitter<IngestedMessage>(
    async (items) => {
      // While anything is spooled, newcomers queue behind it, so replay keeps arrival order.
      if (ingestor.spooled > 0) {
        spool.append(items);
        ingestor.spooled += items.length;
        scheduleReplay(ingestor);
        return;
      }
      try {
        await writeOrIsolate(ingestor, items);
      } catch (error) {
        if (!isConnectionError(error)) throw error;
        spool.append(items);
        ingestor.spooled += items.length;
        log.warn("postgres unreachable: salebot webhooks spooled", { count: items.length });
        scheduleReplay(ingestor);
      }
    },
    { maxBatch: 1000, maxWaitMs: 2, concurrency },
  );
  if (ingestor.spooled > 0) scheduleReplay(ingestor, 0);
  return ingestor;
}

function getIngestor(): Ingestor {
  return processSingleton(INGESTOR, createIngestor);
}

/** Parses, then resolves once the message is durable. Throws WebhookBodyError for bad input. */
export async function ingestSalebotWebhook(rawBody: string, receivedAt = new Date()): Promise<void> {
  const message = parseSalebotWebhook(rawBody, getEnv().SALEBOT_PROJECT_ID ?? "default", receivedAt);
  await getIngestor().committer.submit(message);
}

/** Webhooks accepted into the spool and not yet in Postgres. */
export function salebotSpoolDepth(): number {
  return peekProcessSingleton<Ingestor>(INGESTOR)?.spooled ?? new Spool<IngestedMessage>(spoolDir(), "salebot").depth();
}

/** At start-up: webhooks spooled before a crash go to Postgres without waiting for new traffic. */
export function resumeSalebotSpool(): void {
  if (new Spool<IngestedMessage>(spoolDir(), "salebot").depth() > 0) getIngestor();
}

/** Replays the spool now (tests, shutdown). */
export async function drainSalebotSpool(): Promise<void> {
  const ingestor = getIngestor();
  await replaySpool(ingestor);
}

export async function stopSalebotIngest(): Promise<void> {
  const ingestor = peekProcessSingleton<Ingestor>(INGESTOR);
  dropProcessSingleton(INGESTOR);
  if (!ingestor) return;
  if (ingestor.replayTimer) clearTimeout(ingestor.replayTimer);
  await ingestor.replaying;
  await ingestor.pool.end();
}
