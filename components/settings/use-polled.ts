"use client";

import { useEffect, useState } from "react";

const POLL_MS = 2_000;

/**
 * A run's progress as a page shows it: `initial` from the server render, then asked for every 2 s
 * while `active` says the run goes on (a page refresh would reset the forms around it). A newly
 * started run arrives through a fresh `initial` after the action revalidates the page.
 */
export function usePolled<T>(initial: T, load: () => Promise<T>, active: (value: T) => boolean): T {
  const [value, setValue] = useState(initial);
  const [seenInitial, setSeenInitial] = useState(initial);
  if (initial !== seenInitial) {
    setSeenInitial(initial);
    setValue(initial);
  }
  const polling = active(value);
  useEffect(() => {
    if (!polling) return;
    const timer = setInterval(() => void load().then(setValue), POLL_MS);
    return () => clearInterval(timer);
  }, [polling, load]);
  return value;
}
