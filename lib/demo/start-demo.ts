import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import type { PasteTokens } from "@/lib/settings/call-urls";
import { DEMO_SEED } from "./constants";
import { ensureDemoHistory } from "./history";
import { type DemoLiveResult, isDemoLiveDone, playDemoLive } from "./live";
import { buildDemoScenario } from "./scenario";
import {
  applyLink,
  type DemoSimulators,
  loadScenario,
  pointAtHub,
  simulatorEnv,
  startDemoSimulators,
} from "./simulators";

/**
 * Demo mode for the start command, which stays alive as the supervisor: the simulators run in its
 * process and the server child gets their URLs and keys as ordinary configuration, so nothing in
 * the hub knows it is a demo. History is written before the server starts; the live part is
 * played against the running server.
 */
export type DemoMode = {
  /** GETCOURSE_* and SALEBOT_* for the server child. */
  env: Record<string, string>;
  gcUrl: string;
  sbUrl: string;
  /** For the banner: what happened to the demo data on this start. */
  dataNote: string;
  /** Waits for the hub's health check, then plays the live part once per database. */
  playLive(hubUrl: string): Promise<DemoLiveResult | null>;
  close(): Promise<void>;
};

async function waitForHealth(hubUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${hubUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

export async function startDemoMode(options: {
  databaseUrl: string;
  hubUrl: string;
  tokens: PasteTokens;
}): Promise<DemoMode> {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl, max: 2 }) });
  const sims: DemoSimulators = await startDemoSimulators();
  try {
    const history = await ensureDemoHistory(db, { seed: DEMO_SEED, anchor: new Date() }, (mark) =>
      buildDemoScenario(mark),
    );
    const scenario = history.mark.skipped
      ? null
      : buildDemoScenario({ seed: history.mark.seed, anchor: new Date(history.mark.anchor) });
    if (scenario) loadScenario(sims, scenario, { liveDone: await isDemoLiveDone(db) });
    // Links made since (live, by the form, by an admin) exist in the simulated accounts too.
    for (const link of await db.link.findMany()) applyLink(sims, link);
    pointAtHub(sims, options.hubUrl, options.tokens);

    return {
      env: simulatorEnv(sims),
      gcUrl: sims.gc.url,
      sbUrl: sims.sb.apiUrl,
      dataNote: history.created
        ? "demo data written (six weeks of history; a few live events follow once the server is up)"
        : (history.mark.skipped ?? `demo data from ${history.mark.seededAt.slice(0, 10)}`),
      async playLive(hubUrl) {
        if (!scenario || (await isDemoLiveDone(db))) return null;
        if (!(await waitForHealth(hubUrl, 120_000))) return null;
        return playDemoLive(db, { scenario, sims, hubUrl, tokens: options.tokens });
      },
      async close() {
        await sims.close();
        await db.$disconnect();
      },
    };
  } catch (error) {
    await sims.close();
    await db.$disconnect();
    throw error;
  }
}
