import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Its own embedded PostgreSQL folder: the integration run that started the shared one stops it
// when it ends, which would cut a concurrent fuzz run off mid-way.
process.env.HUB_TEST_PG_DIR ??= ".data/fuzz-pg";
process.env.HUB_ALLOW_PRIVATE_UPSTREAMS ??= "on";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

// Property-based fuzzing of the public endpoints (fuzz/*.fuzz.test.ts). Kept out of the unit and
// integration projects because each file sends tens of thousands of requests; like integration
// tests, every file gets its own freshly migrated database.
export default defineConfig({
  resolve: { alias },
  test: {
    name: "fuzz",
    include: ["fuzz/**/*.fuzz.test.ts"],
    globalSetup: ["./lib/testing/global-setup.ts"],
    setupFiles: ["./lib/testing/database-per-file.ts"],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    pool: "forks",
  },
});
