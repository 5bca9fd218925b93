"use client";

import { useCopy } from "@/components/ui/use-copy";

/** A link in the list, shortened on screen, copied in full on click. */
export function CopyLink({
  value,
  copyLabel,
  copiedLabel,
  testId,
}: {
  value: string;
  copyLabel: string;
  copiedLabel: string;
  testId?: string;
}) {
  const { copied, copy } = useCopy(value);
  return (
    <div className="flex items-center gap-2">
      <code
        data-testid={testId}
        title={value}
        className="max-w-72 truncate rounded bg-muted px-2 py-0.5 font-mono text-xs select-all"
      >
        {value}
      </code>
      <button type="button" onClick={() => void copy()} className="text-xs text-primary hover:underline">
        {copied ? copiedLabel : copyLabel}
      </button>
    </div>
  );
}
