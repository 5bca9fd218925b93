import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";

/** A long run's status badge, followed by what identifies the run. */
export function RunStatusLine({ status, label, children }: { status: string; label: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Badge tone={status === "failed" ? "danger" : status === "done" ? "success" : "neutral"}>{label}</Badge>
      <span>{children}</span>
    </div>
  );
}

/** How far a run is; full when it is done even if its total was never known. */
export function RunProgressBar({
  processed,
  total,
  status,
}: {
  processed: number;
  total: number | null;
  status: string;
}) {
  const percent = total ? Math.min(100, Math.floor((processed / total) * 100)) : status === "done" ? 100 : 0;
  return (
    <div
      className="h-2 w-full overflow-hidden rounded bg-muted"
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
    >
      <div className="h-full bg-primary transition-all" style={{ width: `${percent}%` }} />
    </div>
  );
}
