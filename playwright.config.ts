import { existsSync } from "node:fs";
import { chromium, defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Playwright's own browser cannot be downloaded everywhere we run; Debian's Chromium can.
function chromiumPath(): string | undefined {
  try {
    if (existsSync(chromium.executablePath())) return undefined;
  } catch {
    // no bundled browser registered
  }
  return existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined;
}

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? "list" : [["list"]],
  timeout: 30_000,
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromiumPath(),
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node --experimental-wasm-modules --no-warnings=ExperimentalWarning --import tsx scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    env: {
      PORT: String(PORT),
      LINK_API_TOKEN: "e2e-link-token-0123456789",
      // The e2e server's simulators listen on loopback.
      HUB_ALLOW_PRIVATE_UPSTREAMS: "on",
      READ_API_TOKEN: "e2e-read-token-0123456789",
      GETCOURSE_WEBHOOK_TOKEN: "e2e-gc-webhook-token-0123456789",
      // The first admin; e2e/fixtures.ts signs in with these.
      ADMIN_EMAIL: "admin@e2e.local",
      ADMIN_PASSWORD: "e2e-admin-password",
    },
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
