import fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db";
import {
  createConnectLimiters,
  submitConnectForm,
  type ConnectFormResult,
  type ConnectLimiters,
} from "@/lib/linking/connect-form";
import { createSignedLink } from "@/lib/linking/signed-link";
import { FIELD_SALEBOT, FIELD_TELEGRAM, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import { FUZZ_RUNS, hostileString, report, shortReport, tableCounts, tally, type FuzzStats } from "./support";

// /connect's form logic (the server action only reads two form fields and calls this): random
// personal-link tokens, e-mails and client addresses, with GetCourse and Salebot simulated.

const SECRET = "fuzz-connect-secret-0123456789";
type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;

beforeAll(async () => {
  sims = await startSimulatedIntegrations({ timeoutMs: 2_000 });
  for (let i = 0; i < 30; i++) {
    sims.gcSim.state.addUser({
      email: `connect${i}@school.test`,
      fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" },
    });
    sims.sbSim.state.addClient({ id: 2000 + i, platformId: String(6_000_000 + i) });
  }
});
afterAll(async () => {
  await sims.close();
});

const now = new Date();

const validToken = fc
  .tuple(fc.nat({ max: 40 }), fc.boolean(), fc.integer({ min: -3, max: 3 }))
  .map(([i, withTelegram, days]) =>
    createSignedLink(
      { sbClientId: String(2000 + i), telegramId: withTelegram ? String(6_000_000 + i) : null },
      // Issued up to three days either side of now: some are not yet valid or long expired.
      { secret: SECRET, now: new Date(now.getTime() + days * 86_400_000 * 4) },
    ),
  );

/** Right, expired, tampered one character at a time, truncated, or not a token at all. */
const token: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: validToken },
  {
    weight: 2,
    arbitrary: fc
      .tuple(validToken, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }))
      .map(([t, at, c]) => `${t.slice(0, at % t.length)}${c}${t.slice((at % t.length) + 1)}`),
  },
  { weight: 1, arbitrary: fc.tuple(validToken, fc.nat()).map(([t, at]) => t.slice(0, at % t.length)) },
  { weight: 1, arbitrary: fc.tuple(validToken, hostileString).map(([t, extra]) => `${t}${extra}`) },
  { weight: 2, arbitrary: hostileString },
);

const email: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 35 }).map((i) => `connect${i}@school.test`) },
  { weight: 1, arbitrary: fc.nat({ max: 35 }).map((i) => `  CONNECT${i}@School.TEST `) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 3, arbitrary: hostileString },
);

const ip: fc.Arbitrary<string> = fc.oneof(
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom("", "unknown", "::1", "127.0.0.1"),
  hostileString,
);

// Without SMTP every well-formed e-mail hears "accepted" (it never tells which e-mails exist).
const STATUSES = ["accepted", "invalid_email", "invalid_link", "rate_limited"];
/** Answers given before anything is stored: the form must have written nothing for them. */
const REJECTED = new Set(["invalid_email", "invalid_link", "rate_limited"]);

test("10,000 generated form submissions: always an answer, never a throw; refusals store nothing", async () => {
  const shared: ConnectLimiters = createConnectLimiters("fuzz_shared");
  // The counts live in PostgreSQL: fresh limits are a fresh scope of counters.
  let scopes = 0;
  const stats: FuzzStats = { runs: 0, statuses: {}, countChecks: 0 };
  await fc.assert(
    fc.asyncProperty(token, email, ip, fc.boolean(), async (t, e, address, sharedLimits) => {
      stats.runs += 1;
      const sampled = stats.runs % 10 === 0;
      const before = sampled ? await tableCounts() : undefined;
      // Fresh limits mostly, so the pipeline runs; shared ones sometimes, so the limits trip too.
      // The link runs after the answer; awaited here, so a throw in it fails the run.
      const after: Promise<void>[] = [];
      const result: ConnectFormResult = await submitConnectForm(
        { token: t, email: e, ip: address, now },
        {
          secret: SECRET,
          limiters: sharedLimits ? shared : createConnectLimiters(`fuzz_${++scopes}`),
          mailer: null,
          defer: (task) => void after.push(task()),
        },
      );
      await Promise.all(after);
      tally(stats, result.status);
      expect(STATUSES).toContain(result.status);
      if (before && REJECTED.has(result.status)) {
        stats.countChecks += 1;
        expect(await tableCounts()).toEqual(before);
      }
    }),
    { numRuns: FUZZ_RUNS, reporter: shortReport },
  );
  report("/connect form (submitConnectForm)", stats);
  // Thirty customers: each links once, later submissions for them are re-sends or conflicts.
  expect(await db.link.count({ where: { source: "form" } })).toBeGreaterThan(20);
}, 170_000);
