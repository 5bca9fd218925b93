import type { BackfillProgress } from "./getcourse-backfill";

/** One line for a terminal or a log: where the import is and what it waits for. */
export function renderProgress(progress: BackfillProgress): string {
  const phase = progress.phase === "deals" ? "deals" : progress.phase === "users" ? "users" : "finishing";
  const counts =
    progress.total === null
      ? progress.exportId
        ? `waiting for export ${progress.exportId}`
        : "starting the export"
      : `${progress.processed}/${progress.total}${progress.total > 0 ? ` (${Math.floor((progress.processed / progress.total) * 100)}%)` : ""}`;
  const note = progress.status === "paused" && progress.message ? ` – ${progress.message}` : "";
  const stage = progress.status === "done" ? "" : ` · ${phase}`;
  return `[import #${progress.id}] ${progress.status}${stage} · ${counts}${note}`;
}
