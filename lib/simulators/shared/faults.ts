/**
 * Fault injection shared by the GetCourse and Salebot simulators. Tests (and the demo) set faults
 * at run time: for the next N calls, or for a fraction of calls, optionally only on paths that
 * match a prefix.
 */
export type FaultKind =
  "latency" | "http_500" | "http_502" | "http_503" | "http_429" | "timeout" | "malformed" | "empty";

export type FaultRule = {
  kind: FaultKind;
  /** Apply to this many matching calls, then drop the rule. */
  count?: number;
  /** Apply to this share (0..1) of matching calls; with neither, every call until cleared. */
  fraction?: number;
  /** Only for request paths that start with this (after the simulator's own routing prefix). */
  pathPrefix?: string;
  /** Added delay for `latency`; how long `timeout` holds the socket before dropping it. */
  delayMs?: number;
};

export type FaultDecision = { kind: FaultKind; delayMs: number } | null;

export class FaultInjector {
  private rules: FaultRule[] = [];

  constructor(private readonly random: () => number = Math.random) {}

  add(rule: FaultRule): void {
    this.rules.push({ ...rule });
  }

  clear(): void {
    this.rules = [];
  }

  get active(): readonly FaultRule[] {
    return this.rules;
  }

  /** Picks the first rule that fires for this path and uses it up. Latency combines with others. */
  decide(path: string): { latencyMs: number; fault: FaultDecision } {
    let latencyMs = 0;
    let fault: FaultDecision = null;
    for (const rule of [...this.rules]) {
      if (rule.pathPrefix && !path.startsWith(rule.pathPrefix)) continue;
      if (rule.kind !== "latency" && fault) continue;
      if (rule.fraction !== undefined && this.random() >= rule.fraction) continue;
      if (rule.count !== undefined) {
        rule.count -= 1;
        if (rule.count <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      if (rule.kind === "latency") latencyMs += rule.delayMs ?? 100;
      else fault = { kind: rule.kind, delayMs: rule.delayMs ?? 30_000 };
    }
    return { latencyMs, fault };
  }
}
