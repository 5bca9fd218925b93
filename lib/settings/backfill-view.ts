import { db } from "@/lib/db";
import { BACKFILL_KIND, progressOf, type BackfillProgress } from "@/lib/events/getcourse-backfill";

/** The progress as the browser receives it from a server action (dates as ISO strings). */
export type BackfillProgressView = Omit<BackfillProgress, "resumeAt" | "startedAt" | "finishedAt"> & {
  resumeAt: string | null;
  startedAt: string;
  finishedAt: string | null;
};

export function progressView(progress: BackfillProgress): BackfillProgressView {
  return {
    ...progress,
    resumeAt: progress.resumeAt?.toISOString() ?? null,
    startedAt: progress.startedAt.toISOString(),
    finishedAt: progress.finishedAt?.toISOString() ?? null,
  };
}

/** The newest import, finished or not, so the page keeps showing how the last one ended. */
export async function latestBackfillProgress(): Promise<BackfillProgressView | null> {
  const run = await db.backfillRun.findFirst({ where: { kind: BACKFILL_KIND }, orderBy: { id: "desc" } });
  return run ? progressView(progressOf(run)) : null;
}
