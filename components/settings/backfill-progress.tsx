"use client";

import { formatsFor } from "@/lib/i18n/format";
import type { Locale } from "@/lib/i18n/messages";
import type { BackfillProgressView } from "@/lib/settings/backfill-view";
import { RunProgressBar, RunStatusLine } from "./run-progress";
import { usePolled } from "./use-polled";

type Props = {
  initial: BackfillProgressView | null;
  load: () => Promise<BackfillProgressView | null>;
  labels: {
    status: Record<BackfillProgressView["status"], string>;
    processed: string;
    pausedUntil: string;
    waiting: string;
    none: string;
  };
  locale: Locale;
  timeZone: string;
};

const active = (progress: BackfillProgressView | null) =>
  progress?.status === "running" || progress?.status === "paused";

/** The import's progress, asked for every 2 s while it runs. */
export function BackfillProgress({ initial, load, labels, locale, timeZone }: Props) {
  const progress = usePolled(initial, load, active);

  if (!progress) return <p className="text-sm text-muted-foreground">{labels.none}</p>;
  const formats = formatsFor(locale, timeZone);
  return (
    <div className="space-y-2 text-sm" data-testid="backfill-progress" data-status={progress.status}>
      <RunStatusLine status={progress.status} label={labels.status[progress.status]}>
        #{progress.id} · {formats.day(progress.from)} — {formats.day(progress.to)}
      </RunStatusLine>
      <RunProgressBar processed={progress.processed} total={progress.total} status={progress.status} />
      <p className="text-muted-foreground">
        {progress.total === null ? labels.waiting : `${labels.processed}: ${progress.processed} / ${progress.total}`}
        {progress.status === "paused" &&
          progress.resumeAt &&
          ` · ${labels.pausedUntil} ${formats.dateTime(progress.resumeAt)}`}
      </p>
      {progress.message && <p className="text-muted-foreground">{progress.message}</p>}
    </div>
  );
}
