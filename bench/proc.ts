// Processes of the benchmarks: free ports, waiting for /api/health, stopping children, and what
// a process costs, its CPU and its memory (RSS), read from Linux /proc (nothing elsewhere).
import type { ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Polls `url` until it answers 2xx (any answer with `anyStatus`: a server with no health path);
 * gives up when `child` exits or the time is up.
 */
export async function waitForHealth(
  url: string,
  timeoutMs: number,
  child?: ChildProcess,
  anyStatus = false,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child && (child.exitCode !== null || child.signalCode !== null))
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode})`);
    try {
      const answer = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await answer.arrayBuffer();
      if (answer.ok || anyStatus) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/**
 * Asks a child to stop, then insists: SIGTERM after 5 s, SIGKILL after 15 s. With `group` the
 * signals go to its process group (a child spawned `detached`, which starts servers of its own).
 */
export async function stopChild(
  child: ChildProcess,
  ask: () => void = () => child.kill("SIGTERM"),
  group = false,
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    try {
      if (group) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      // already gone
    }
  };
  try {
    ask();
  } catch {
    signal("SIGTERM");
  }
  const term = setTimeout(() => signal("SIGTERM"), 5_000);
  const kill = setTimeout(() => signal("SIGKILL"), 15_000);
  await exited;
  clearTimeout(term);
  clearTimeout(kill);
}

export type ProcStat = { pid: number; ppid: number; pgrp: number; cpuMs: number; command: string };

/** USER_HZ is 100 on every Linux the hub targets (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;

export function readProcesses(): ProcStat[] {
  const found: ProcStat[] = [];
  let names: string[];
  try {
    names = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return found;
  }
  for (const name of names) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces; the fields after it are plain.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      const command = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      found.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        pgrp: Number(fields[2]),
        cpuMs: (ticks * 1000) / CLOCK_TICKS_PER_SECOND,
        command,
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

export type CpuParts = { name: string; owns: (process: ProcStat) => boolean }[];

export function cpuSnapshot(parts: CpuParts): Map<string, number> {
  const totals = new Map<string, number>(parts.map((part) => [part.name, 0]));
  for (const proc of readProcesses()) {
    const part = parts.find((candidate) => candidate.owns(proc));
    if (part) totals.set(part.name, (totals.get(part.name) ?? 0) + proc.cpuMs);
  }
  return totals;
}

export function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of one process in MiB (0 when it is gone). */
export function rssMiB(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((row) => row.startsWith("VmRSS:"));
    return line ? Number(line.replace(/\D+/g, "")) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * The hub's serving processes under `rootPid` (npm start → scripts/start.ts → scripts/server.ts):
 * those running scripts/server.ts. start.ts only supervises (and, in demo mode, holds the
 * simulators), and PostgreSQL is counted apart.
 */
export function serverPids(
  rootPid: number,
  match: (command: string) => boolean = (command) => command.includes("scripts/server.ts"),
): number[] {
  const all = readProcesses();
  const tree = new Set([rootPid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const proc of all) {
      if (!tree.has(proc.ppid) || tree.has(proc.pid)) continue;
      tree.add(proc.pid);
      grew = true;
    }
  }
  return all.filter((proc) => tree.has(proc.pid) && match(proc.command)).map((proc) => proc.pid);
}

/** Samples the RSS of the hub's server processes every `everyMs`; `peak` is the highest sum seen. */
export class RssSampler {
  peak = 0;
  private timer: NodeJS.Timeout;

  constructor(
    private readonly rootPid: number,
    private readonly match?: (command: string) => boolean,
    everyMs = 200,
  ) {
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, this.now())), everyMs);
    this.timer.unref();
  }

  now(): number {
    return serverPids(this.rootPid, this.match).reduce((sum, pid) => sum + rssMiB(pid), 0);
  }

  /** Peak since the last reset (or since start), and starts a new window. */
  takePeak(): number {
    const peak = Math.max(this.peak, this.now());
    this.peak = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
