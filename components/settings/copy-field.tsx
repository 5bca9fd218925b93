"use client";

import { useCopy } from "@/components/ui/use-copy";
import { Button } from "@/components/ui/button";

/** A value to paste elsewhere, shown in full, with a button that copies it. */
export function CopyField({
  value,
  label,
  copyLabel,
  copiedLabel,
  testId,
}: {
  value: string;
  label: string;
  copyLabel: string;
  copiedLabel: string;
  testId?: string;
}) {
  const { copied, copy } = useCopy(value);
  return (
    <div className="space-y-1">
      <div className="flex items-center justify-between gap-2">
        <span className="text-sm font-medium">{label}</span>
        <Button type="button" variant="outline" size="sm" onClick={() => void copy()}>
          {copied ? copiedLabel : copyLabel}
        </Button>
      </div>
      <pre
        data-testid={testId}
        className="select-all overflow-x-auto whitespace-pre-wrap break-all rounded bg-muted px-3 py-2 font-mono text-xs"
      >
        {value}
      </pre>
    </div>
  );
}
