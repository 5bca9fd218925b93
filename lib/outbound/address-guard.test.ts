import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { IntegrationConfig } from "@/lib/settings/integration-config";
import { isPrivateAddress } from "./address-guard";
import { fetchJson } from "./fetch-json";

// Issue 13.1: an admin pointed the GetCourse or Salebot URL at an internal address and read the
// reply through "test connection". The guard is off here (as in production); the rest of the
// tests run with HUB_ALLOW_PRIVATE_UPSTREAMS=on because their simulators listen on loopback.
process.env.HUB_ALLOW_PRIVATE_UPSTREAMS = "off";
const { testGetCourse, testSalebot } = await import("@/lib/settings/connection-test");

const INTERNAL_SECRET = "internal-admin-panel-secret";
let hits = 0;
let internal: Server;
let port = 0;

beforeAll(async () => {
  internal = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { "content-type": "text/html" }).end(`<html>${INTERNAL_SECRET}</html>`);
  });
  await new Promise<void>((resolve) => internal.listen(0, "127.0.0.1", resolve));
  port = (internal.address() as AddressInfo).port;
});
afterAll(() => {
  internal.closeAllConnections();
  internal.close();
});

describe("isPrivateAddress", () => {
  test.each([
    "127.0.0.1",
    "127.5.6.7",
    "0.0.0.0",
    "10.1.2.3",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:7f00:1",
    "[::1]",
    "not-an-ip",
  ])("%s is private", (address) => expect(isPrivateAddress(address)).toBe(true));

  test.each(["8.8.8.8", "93.184.216.34", "172.32.0.1", "2a00:1450:4010:c05::64", "::ffff:8.8.8.8"])(
    "%s is public",
    (address) => expect(isPrivateAddress(address)).toBe(false),
  );
});

describe("outbound calls with HUB_ALLOW_PRIVATE_UPSTREAMS off", () => {
  const spellings = () => [
    `http://127.0.0.1:${port}/`,
    `http://localhost:${port}/`, // a name: refused by the lookup hook, on the resolved address
    `http://0.0.0.0:${port}/`,
    `http://2130706433:${port}/`,
    `http://[::1]:${port}/`,
    `http://[::ffff:127.0.0.1]:${port}/`,
  ];

  test("every spelling of a loopback address is refused before connecting", async () => {
    hits = 0;
    for (const url of spellings()) {
      const error = await fetchJson({ service: "getcourse", url, timeoutMs: 2_000 }).catch((caught: unknown) => caught);
      expect(error, url).toMatchObject({ kind: "rejected", safeDetail: expect.stringContaining("private") });
    }
    expect(hits).toBe(0);
  });

  test("allowPrivate (the demo's and tests' setting) reaches it", async () => {
    const answer = await fetchJson({
      service: "getcourse",
      url: `http://127.0.0.1:${port}/`,
      timeoutMs: 2_000,
      allowPrivate: true,
    });
    expect(answer.text).toContain(INTERNAL_SECRET);
  });

  const config = (accountUrl: string, apiUrl: string): IntegrationConfig => ({
    getcourse: { accountUrl, apiKey: "legacy-key-123456", techToken: "dev_school" },
    salebot: [{ apiUrl, apiKey: "sb-key-123456", projectId: "1", salebotField: "sb_1_id" }],
    fields: { telegram: "telegram_id" },
    unreadable: [],
  });

  test("the connection test tells nothing about an internal address: no body, open and closed ports alike", async () => {
    hits = 0;
    const open = `http://127.0.0.1:${port}`;
    const closed = "http://127.0.0.1:1";
    const [gcOpen, gcClosed, sbOpen, sbClosed] = await Promise.all([
      testGetCourse(config(open, open)),
      testGetCourse(config(closed, closed)),
      testSalebot(config(open, open)),
      testSalebot(config(closed, closed)),
    ]);
    expect(hits).toBe(0);
    expect(JSON.stringify([gcOpen, sbOpen])).not.toContain(INTERNAL_SECRET);
    expect(gcOpen).toEqual(gcClosed);
    expect(sbOpen).toEqual(sbClosed);
    expect(sbOpen.checks[0]?.detail).toContain("private");
  });
});
