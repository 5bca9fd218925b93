import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
