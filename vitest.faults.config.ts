import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests talk to simulators on 127.0.0.1, which the outbound guard refuses unless allowed; the
// guard's own tests pass allowPrivate explicitly. Workers inherit this environment.
process.env.HUB_ALLOW_PRIVATE_UPSTREAMS ??= "on";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

// `npm run test:faults`: outages, restarts and crashes against real processes. Each file gets a
// fresh database like the integration tests (some also run their own stoppable PostgreSQL); files
// run one after another, since they kill processes and time recoveries on a small machine.
export default defineConfig({
  resolve: { alias },
  test: {
    name: "faults",
    include: ["faults/**/*.fault.test.ts"],
    globalSetup: ["./faults/global-setup.ts"],
    setupFiles: ["./lib/testing/database-per-file.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    fileParallelism: false,
  },
});
