import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

/**
 * The one Prisma client. Created on first use (tests point DATABASE_URL at their own database
 * before that) and cached on globalThis so dev-server reloads do not open new pools.
 */
const cache = globalThis as unknown as { hubDb?: PrismaClient };

function createClient(): PrismaClient {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error("DATABASE_URL is not set: start the hub with `npm start` or `npm run dev`.");
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString, max: 20 }),
    omit: { user: { passwordHash: true } },
  });
}

export function getDb(): PrismaClient {
  cache.hubDb ??= createClient();
  return cache.hubDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get: (_target, property) => {
    const client = getDb();
    const value: unknown = Reflect.get(client, property);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export async function disconnectDb(): Promise<void> {
  await cache.hubDb?.$disconnect();
  cache.hubDb = undefined;
}
