import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { testGetCourse, testSalebot } from "./connection-test";
import type { IntegrationConfig } from "./integration-config";

// Issue 13.1: whatever answers at the configured URL is never quoted on Settings (the verdict and
// our own words only), so "test connection" cannot be used to read a page. The upstream here is
// allowed (HUB_ALLOW_PRIVATE_UPSTREAMS=on in tests) to show what reaches the UI when it answers.
const BODY_SECRET = "db-password=hunter2-from-an-internal-page";
let upstream: Server;
let base = "";

beforeAll(async () => {
  upstream = createServer((req, res) => {
    const json = req.url?.includes("json");
    res
      .writeHead(req.url?.includes("500") ? 500 : 400, { "content-type": json ? "application/json" : "text/html" })
      .end(
        json
          ? JSON.stringify({ status: "error", message: BODY_SECRET, error_message: BODY_SECRET, success: false })
          : `<pre>${BODY_SECRET}</pre>`,
      );
  });
  await new Promise<void>((resolve) => upstream.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => {
  upstream.closeAllConnections();
  upstream.close();
});

const config = (url: string): IntegrationConfig => ({
  getcourse: { accountUrl: url, apiKey: "legacy-key-123456", techToken: "dev_school" },
  salebot: [{ apiUrl: url, apiKey: "sb-key-123456", projectId: "1", salebotField: "sb_1_id" }],
  fields: { telegram: "telegram_id" },
  unreadable: [],
});

test.each(["/html", "/json", "/json500"])(
  "no part of an upstream answer (%s) reaches the connection test's report",
  async (path) => {
    const reports = await Promise.all([testGetCourse(config(`${base}${path}`)), testSalebot(config(`${base}${path}`))]);
    for (const report of reports) {
      expect(report.verdict).not.toBe("ok");
      expect(JSON.stringify(report)).not.toContain("hunter2");
    }
  },
);
