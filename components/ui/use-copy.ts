"use client";

import { useState } from "react";

/** Copies `value` to the clipboard; `copied` stays true for two seconds, for the button's label. */
export function useCopy(value: string): { copied: boolean; copy: () => Promise<void> } {
  const [copied, setCopied] = useState(false);
  async function copy() {
    await navigator.clipboard.writeText(value);
    setCopied(true);
    setTimeout(() => setCopied(false), 2_000);
  }
  return { copied, copy };
}
