"use client";

import { Badge } from "@/components/ui/badge";
import type { BackfillProgressView } from "@/lib/settings/backfill-view";
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
  locale: string;
  timeZone: string;
};

const active = (progress: BackfillProgressView | null) =>
  progress?.status === "running" || progress?.status === "paused";

/** The import's progress, asked for every 2 s while it runs. */
export function BackfillProgress({ initial, load, labels, locale, timeZone }: Props) {
  const progress = usePolled(initial, load, active);

  if (!progress) return <p className="text-sm text-muted-foreground">{labels.none}</p>;
  const percent = progress.total
    ? Math.min(100, Math.floor((progress.processed / progress.total) * 100))
    : progress.status === "done"
      ? 100
      : 0;
  const time = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone }).format(new Date(iso));
  return (
    <div className="space-y-2 text-sm" data-testid="backfill-progress" data-status={progress.status}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={progress.status === "failed" ? "danger" : progress.status === "done" ? "success" : "neutral"}>
          {labels.status[progress.status]}
        </Badge>
        <span>
          #{progress.id} · {progress.from} — {progress.to}
        </span>
      </div>
      <div
        className="h-2 w-full overflow-hidden rounded bg-muted"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-muted-foreground">
        {progress.total === null ? labels.waiting : `${labels.processed}: ${progress.processed} / ${progress.total}`}
        {progress.status === "paused" && progress.resumeAt && ` · ${labels.pausedUntil} ${time(progress.resumeAt)}`}
      </p>
      {progress.message && <p className="text-muted-foreground">{progress.message}</p>}
    </div>
  );
}
