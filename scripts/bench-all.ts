// npm run bench: every benchmark in turn, then one table of their headline figures with the
// targets beside them (from the summaries each benchmark leaves in .data/bench/), and the load
// average: on a shared machine absolute figures move with it, ratios within one run do not.
import { spawnSync } from "node:child_process";
import os from "node:os";
import { readBenchSummaries } from "../bench/summary";

const ANALYTICS_CLIENTS = process.env.BENCH_ANALYTICS_CLIENTS ?? "1000000";
const steps: { name: string; args: string[] }[] = [
  // First, on a machine nothing else of ours is loading yet: a fresh clone's first npm start.
  { name: "start", args: ["run", "bench:start"] },
  { name: "ingest", args: ["run", "bench:ingest"] },
  { name: "link", args: ["run", "bench:link"] },
  { name: "lists", args: ["run", "bench:lists"] },
  { name: "seed for analytics", args: ["run", "seed:scale", "--", "--clients", ANALYTICS_CLIENTS] },
  { name: "analytics", args: ["run", "bench:analytics"] },
];

const started = Date.now();
const failed: string[] = [];
for (const step of steps) {
  console.log(`\n=== ${step.name}: npm ${step.args.join(" ")}\n`);
  const result = spawnSync("npm", step.args, { stdio: "inherit" });
  if (result.status !== 0) failed.push(step.name);
}

const summaries = readBenchSummaries();
const rows = summaries.flatMap((summary) =>
  summary.figures.map((figure) => [
    summary.bench,
    figure.metric,
    figure.value,
    figure.target,
    figure.met === null ? "" : figure.met ? "met" : "MISSED",
  ]),
);
const header = ["bench", "figure", "value", "target", ""];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)));
const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
console.log(`\nbench: all benchmarks, ${Math.round((Date.now() - started) / 1000)} s`);
if (summaries[0])
  console.log(
    `machine: ${summaries[0].machine}; load average now ${os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(" / ")} (1/5/15 min)`,
  );
console.log(line(header));
console.log(line(widths.map((width) => "-".repeat(width))));
for (const row of rows) console.log(line(row));
for (const summary of summaries) console.log(`  ${summary.bench}: ran ${summary.ranAt}`);
if (failed.length) {
  console.log(`\nfailed to run: ${failed.join(", ")}`);
  process.exit(1);
}
