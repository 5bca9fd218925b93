import pg from "pg";
import { afterAll, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { LEASE_SECONDS, settleKeyLeases, withKeyLeases, withKeyLocks } from "./key-lock";

// Long enough for two callers to overlap once each has its lease (a round trip to PostgreSQL).
const tick = () => new Promise((r) => setTimeout(r, 30));

/**
 * Work that records how many callers were inside at once. With `meet`, each waits (up to 5 s)
 * until that many are inside, instead of a tick: side by side they all get there however slowly
 * a busy machine hands out leases (a lease's round trip can outlast a tick); kept apart, `most`
 * stays 1.
 */
function overlapMeter(meet?: number) {
  let arrive!: () => void;
  const everyone = new Promise<void>((resolve) => (arrive = resolve));
  const meter = {
    inside: 0,
    most: 0,
    work: async () => {
      meter.inside += 1;
      meter.most = Math.max(meter.most, meter.inside);
      if (meet === undefined) {
        await tick();
      } else {
        if (meter.inside === meet) arrive();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([everyone, new Promise((r) => (timer = setTimeout(r, 5_000)))]);
        clearTimeout(timer);
      }
      meter.inside -= 1;
    },
  };
  return meter;
}

test("work under the same key runs one at a time, in arrival order", async () => {
  const order: string[] = [];
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      withKeyLocks(["client:1"], async () => {
        inside += 1;
        most = Math.max(most, inside);
        await tick();
        order.push(String(i));
        inside -= 1;
      }),
    ),
  );
  expect(most).toBe(1);
  expect(order).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
});

test("different keys run side by side, and crossed key sets do not deadlock", async () => {
  const side = overlapMeter(2);
  await Promise.all([withKeyLocks(["a"], side.work), withKeyLocks(["b"], side.work)]);
  expect(side.most).toBe(2);
  const meter = overlapMeter();
  await Promise.all([withKeyLocks(["x", "y"], meter.work), withKeyLocks(["y", "x"], meter.work)]);
});

test("a failure releases the key", async () => {
  await expect(withKeyLocks(["k"], async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
  await expect(withKeyLocks(["k"], async () => "next")).resolves.toBe("next");
});

describe("across instances (two pools on one database)", () => {
  const pools: pg.Pool[] = [];
  const openPool = () => {
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL as string, max: 2 });
    pools.push(pool);
    return pool;
  };
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
  });

  test("two links for one client on two instances run one after another", async () => {
    const [a, b] = [openPool(), openPool()];
    const spans: { who: string; from: number; to: number }[] = [];
    const work = (who: string) => async () => {
      const from = performance.now();
      await new Promise((r) => setTimeout(r, 60));
      spans.push({ who, from, to: performance.now() });
    };
    // Same client, different e-mails: they share one key, which is enough to exclude.
    await Promise.all([
      withKeyLeases(a, ["client:p:42", "email:p:one@example.com"], work("a")),
      withKeyLeases(b, ["email:p:two@example.com", "client:p:42"], work("b")),
    ]);
    const [first, second] = spans.sort((x, y) => x.from - y.from);
    expect(second?.from).toBeGreaterThanOrEqual(first?.to ?? Infinity);
    await settleKeyLeases();
    expect(await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM link_key_leases`).toEqual([{ n: 0 }]);
  });

  test("different clients on two instances run side by side", async () => {
    const [a, b] = [openPool(), openPool()];
    const meter = overlapMeter(2);
    await Promise.all([withKeyLeases(a, ["client:p:1"], meter.work), withKeyLeases(b, ["client:p:2"], meter.work)]);
    expect(meter.most).toBe(2);
  });

  test("a lease left by a dead process is taken over once it expires", async () => {
    await db.$executeRaw`INSERT INTO link_key_leases (key, holder, expires_at) VALUES ('client:p:dead', 'killed', (now() AT TIME ZONE 'UTC') - interval '1 second')`;
    await expect(withKeyLeases(openPool(), ["client:p:dead"], async () => "ran")).resolves.toBe("ran");
  });

  test("a lease is renewed while its link runs, so a slow link keeps it", async () => {
    const expiry = async () =>
      (
        await db.$queryRaw<{ at: Date }[]>`SELECT expires_at AS at FROM link_key_leases WHERE key = 'client:p:slow'`
      )[0]?.at.getTime() ?? 0;
    let first = 0;
    let renewed = 0;
    await withKeyLeases(openPool(), ["client:p:slow"], async () => {
      first = await expiry();
      await new Promise((r) => setTimeout(r, 3_600));
      renewed = await expiry();
    });
    expect(first).toBeGreaterThan(Date.now() - LEASE_SECONDS * 1000);
    expect(renewed).toBeGreaterThan(first);
  });

  test("a live lease of another instance is waited for, not broken", async () => {
    await db.$executeRaw`INSERT INTO link_key_leases (key, holder, expires_at) VALUES ('client:p:busy', 'other', (now() AT TIME ZONE 'UTC') + interval '1 minute')`;
    let ran = false;
    const waiting = withKeyLeases(openPool(), ["client:p:busy"], async () => (ran = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(ran).toBe(false);
    await db.$executeRaw`DELETE FROM link_key_leases WHERE key = 'client:p:busy'`;
    await waiting;
    expect(ran).toBe(true);
  });
});

test("two copies of lib/ in one process (the lean server and Next) exclude each other", async () => {
  vi.resetModules();
  const other = await import("./key-lock");
  expect(other.withKeyLocks).not.toBe(withKeyLocks);
  const meter = overlapMeter();
  await Promise.all([
    withKeyLocks(["client:p:7"], meter.work),
    other.withKeyLocks(["client:p:7"], meter.work),
    withKeyLocks(["client:p:7"], meter.work),
  ]);
  expect(meter.most).toBe(1);
});
