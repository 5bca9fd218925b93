"use client";

import { Badge } from "@/components/ui/badge";
import type { StartLinkRunView } from "@/lib/linking/start-link/field-write";
import { usePolled } from "./use-polled";

const active = (run: StartLinkRunView | null) => run?.status === "running" || run?.status === "paused";

type Props = {
  initial: StartLinkRunView | null;
  load: () => Promise<StartLinkRunView | null>;
  labels: { status: Record<StartLinkRunView["status"], string>; processed: string; written: string; none: string };
};

/** Progress of "Write start links to GetCourse", asked for every 2 s while the run goes on. */
export function StartLinkProgress({ initial, load, labels }: Props) {
  const run = usePolled(initial, load, active);

  if (!run) return <p className="text-sm text-muted-foreground">{labels.none}</p>;
  const percent =
    run.total > 0 ? Math.min(100, Math.floor((run.processed / run.total) * 100)) : run.status === "done" ? 100 : 0;
  return (
    <div className="space-y-2 text-sm" data-testid="start-link-progress" data-status={run.status}>
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone={run.status === "failed" ? "danger" : run.status === "done" ? "success" : "neutral"}>
          {labels.status[run.status]}
        </Badge>
        <span>#{run.id}</span>
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
        {labels.processed}: {run.processed} / {run.total} · {labels.written}: {run.written}
      </p>
    </div>
  );
}
