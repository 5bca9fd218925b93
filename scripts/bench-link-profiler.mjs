// Preloaded into the hub's processes by `npm run bench:link -- --profile` (through start.ts's node
// flags): profiles the CPU from start-up and writes a .cpuprofile when the benchmark sends
// SIGUSR2. A signal rather than --cpu-prof, which only writes on a clean exit, and the server is
// stopped however it is stopped. Plain JavaScript: it loads before any TypeScript loader.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";

const dir = process.env.BENCH_PROFILE_DIR;
const script = path.basename(process.argv[1] ?? "");
// start.ts only waits on its child; the process worth profiling is the server it starts.
if (dir && script !== "start.ts") {
  const session = new Session();
  session.connect();
  session.post("Profiler.enable", () => {
    // 1 ms sampling, as --cpu-prof does by default.
    session.post("Profiler.setSamplingInterval", { interval: 1000 }, () => session.post("Profiler.start"));
  });
  process.on("SIGUSR2", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error || !result) return;
      writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
      // Restart, so a second signal gets the next stretch on its own.
      session.post("Profiler.start");
    });
  });
}
