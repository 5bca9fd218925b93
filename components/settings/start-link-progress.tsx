"use client";

import type { StartLinkRunView } from "@/lib/linking/start-link/field-write";
import { RunProgressBar, RunStatusLine } from "./run-progress";
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
  return (
    <div className="space-y-2 text-sm" data-testid="start-link-progress" data-status={run.status}>
      <RunStatusLine status={run.status} label={labels.status[run.status]}>
        #{run.id}
      </RunStatusLine>
      <RunProgressBar processed={run.processed} total={run.total} status={run.status} />
      <p className="text-muted-foreground">
        {labels.processed}: {run.processed} / {run.total} · {labels.written}: {run.written}
      </p>
    </div>
  );
}
