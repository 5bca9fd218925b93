"use client";

import { useState, useTransition } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { ConnectionReport, Verdict } from "@/lib/settings/connection-test";

type Props = {
  run: () => Promise<ConnectionReport>;
  buttonLabel: string;
  runningLabel: string;
  verdicts: Record<Verdict, string>;
  checks: Record<string, string>;
  testId: string;
};

/** "Test connection": runs the server's check and says in words what is wrong, per credential. */
export function ConnectionTest({ run, buttonLabel, runningLabel, verdicts, checks, testId }: Props) {
  const [report, setReport] = useState<ConnectionReport | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2" data-testid={testId}>
      <Button
        type="button"
        variant="outline"
        size="sm"
        disabled={pending}
        onClick={() => startTransition(async () => setReport(await run()))}
      >
        {pending ? runningLabel : buttonLabel}
      </Button>
      {report && (
        <div
          role="status"
          className="space-y-1 text-sm"
          data-testid={`${testId}-verdict`}
          data-verdict={report.verdict}
        >
          <Badge tone={report.verdict === "ok" ? "success" : "danger"}>{verdicts[report.verdict]}</Badge>
          <ul className="space-y-1">
            {report.checks.map((check) => (
              <li key={check.check} className="text-muted-foreground">
                <span className="font-medium text-foreground">{checks[check.check] ?? check.check}:</span>{" "}
                {verdicts[check.verdict]}
                {check.detail && <span className="ml-1 break-all">({check.detail})</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
