import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests talk to simulators on 127.0.0.1, which the outbound guard refuses unless allowed; the
// guard's own tests pass allowPrivate explicitly. Workers inherit this environment.
process.env.HUB_ALLOW_PRIVATE_UPSTREAMS ??= "on";

const alias = { "@": fileURLToPath(new URL("./", import.meta.url)) };

// Unit tests (`*.test.ts`) need nothing; integration tests (`*.int.test.ts`) each get a fresh
// database cloned from a migrated template, so files run in parallel without sharing state.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["lib/**/*.int.test.ts", "app/**/*.int.test.ts", "scripts/**/*.int.test.ts"],
          globalSetup: ["./lib/testing/global-setup.ts"],
          setupFiles: ["./lib/testing/database-per-file.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          pool: "forks",
        },
      },
    ],
  },
});
