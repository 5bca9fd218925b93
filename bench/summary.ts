import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Each benchmark leaves its headline figures in `.data/bench/<name>.json`; `npm run bench` runs
 * them all and prints one table from these files, targets beside the figures.
 */
export type BenchFigure = { metric: string; value: string; target: string; met: boolean | null };
export type BenchSummary = { bench: string; ranAt: string; machine: string; figures: BenchFigure[] };

const DIR = path.resolve(".data/bench");

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`;
}

export function recordBenchFigures(bench: string, figures: BenchFigure[]): void {
  mkdirSync(DIR, { recursive: true });
  const summary: BenchSummary = { bench, ranAt: new Date().toISOString(), machine: machineDescription(), figures };
  writeFileSync(path.join(DIR, `${bench}.json`), `${JSON.stringify(summary, null, 2)}\n`);
}

export function readBenchSummaries(): BenchSummary[] {
  let files: string[] = [];
  try {
    files = readdirSync(DIR).filter((file) => file.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().map((file) => JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as BenchSummary);
}
