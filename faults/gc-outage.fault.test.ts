import { expect, test } from "vitest";
import { db } from "@/lib/db";
import { customer, type LinkAnswer, pause, requestLink, simulatedHub, waitFor } from "./support";

/**
 * (a) GetCourse down for a while under a stream of /api/link requests: every request is answered
 * `gc_unavailable` and queued; once GetCourse is back the queue links every client exactly once.
 */
const hub = simulatedHub();

test("GetCourse down: answered gc_unavailable, queued, all linked exactly once after it returns", async () => {
  hub.sims.gcSim.faults.add({ kind: "http_503" });
  const customers = Array.from({ length: 30 }, () => customer(hub.sims));
  // A stream over two seconds, and the bot sends a third of them twice (a user pressing again).
  const answers: LinkAnswer[] = [];
  const sends = customers.flatMap((c, i) => (i % 3 === 0 ? [c, c] : [c]));
  await Promise.all(
    sends.map(async (c, i) => {
      await pause(i * 50);
      answers.push(await requestLink(c));
    }),
  );
  expect(answers).toHaveLength(sends.length);
  expect(answers.every((a) => a.status === 200 && a.success === false && a.error === "gc_unavailable")).toBe(true);
  const queued = await db.linkAttempt.count({ where: { outcome: "queued", errorCode: "gc_unavailable" } });
  expect(queued).toBeGreaterThanOrEqual(sends.length);
  expect(await db.link.count()).toBe(0);

  await pause(3_000); // the queue keeps failing against the outage meanwhile
  hub.sims.gcSim.faults.clear();

  const ids = customers.map((c) => c.sb_id);
  await waitFor(
    async () => (await db.link.count({ where: { sbClientId: { in: ids } } })) === customers.length,
    60_000,
    "every client linked",
  );
  await waitFor(
    async () => (await db.linkAttempt.count({ where: { resolvedAt: null } })) === 0,
    30_000,
    "every failure resolved",
  );

  for (const c of customers) {
    const links = await db.link.findMany({ where: { sbClientId: c.sb_id } });
    expect(links).toHaveLength(1);
    expect(links[0]?.email).toBe(c.email);
    // Linked once: one attempt did the work; a duplicate request's job found the link done.
    const fresh = await db.linkAttempt.count({ where: { sbClientId: c.sb_id, outcome: "success", errorDetail: null } });
    expect(fresh).toBe(1);
    const user = hub.sims.gcSim.state.findUserByEmail(c.email);
    expect(user && hub.sims.gcSim.state.userFieldValue(user, "telegram_id")).toBe(c.telegram_id);
    expect(hub.sims.sbSim.state.variablesOf(Number(c.sb_id))).toMatchObject({ email: c.email });
  }
  // Nothing is left in the queue for these links.
  await waitFor(
    async () => {
      const rows = await db.$queryRaw<
        { n: number }[]
      >`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'link-retry' AND state < 'completed'`;
      return rows[0]?.n === 0;
    },
    20_000,
    "link-retry queue drained",
  );
  expect(await db.linkAttempt.count({ where: { errorCode: "conflict" } })).toBe(0);
  // The outage must not burn GetCourse's 100-per-2-hours export budget (the field dictionary is
  // an export call): one shared fetch at a time, held back after failures.
  const dictionaryCalls = hub.sims.gcSim.calls.filter((call) => call.path.includes("/account/fields")).length;
  expect(dictionaryCalls).toBeLessThan(15);
});
