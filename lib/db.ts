import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "@/lib/process-singleton";
import { envValue } from "@/lib/env";
import { log } from "@/lib/observability/log";

/**
 * The one Prisma client. Created on first use (tests point DATABASE_URL at their own database
 * before that), one pool per process however many copies of lib/ run in it (lib/process-singleton.ts).
 * Its errors come from whichever copy made it: recognise them by `code`, never by `instanceof`.
 */
const DB = "db";
const POOL = "db-pool";

/**
 * Prisma's connections, shared with the few hot statements that skip Prisma's query engine
 * (lib/linking/link-store.ts): the same 20 connections, not a second pool beside them.
 */
export function dbPool(): pg.Pool {
  return processSingleton(POOL, () => {
    const connectionString = envValue("DATABASE_URL");
    if (!connectionString) throw new Error("DATABASE_URL is not set: start the hub with `npm start` or `npm run dev`.");
    const pool = new pg.Pool({ connectionString, max: 20 });
    // An idle connection that breaks (PostgreSQL restarted) is an 'error' event: without a
    // listener it would end the process, and Prisma adds its own only once it first connects.
    pool.on("error", (error) => log.warn("idle database connection failed", { error: error.message }));
    return pool;
  });
}

function createClient(): PrismaClient {
  return new PrismaClient({
    adapter: new PrismaPg(dbPool()),
    omit: { user: { passwordHash: true } },
  });
}

export function getDb(): PrismaClient {
  return processSingleton(DB, createClient);
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const client = getDb();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  const client = peekProcessSingleton<PrismaClient>(DB);
  const pool = peekProcessSingleton<pg.Pool>(POOL);
  dropProcessSingleton(DB);
  dropProcessSingleton(POOL);
  await client?.$disconnect();
  await pool?.end();
}
