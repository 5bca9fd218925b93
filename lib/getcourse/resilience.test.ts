import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createGetCourseClient, type MalformedAnswerReport } from "./client";
import { GetCourseError } from "./gc-error";
import { isOutboundError } from "@/lib/outbound/errors";
import { caught, startSimWithClient } from "@/lib/testing/getcourse-simulator-client";

type Setup = Awaited<ReturnType<typeof startSimWithClient>>;

describe("timeouts, retries and typed errors", () => {
  let setup: Setup;
  let logLines: string[];
  beforeEach(async () => {
    logLines = [];
    setup = await startSimWithClient({}, { timeoutMs: 150, log: (line) => logLines.push(line) });
    setup.sim.state.addField({ title: "telegram_id" });
    setup.sim.state.addUser({ email: "anna@example.com" });
  });
  afterEach(() => setup.sim.close());

  const techCalls = () => setup.sim.calls.filter((call) => call.path.startsWith("/pl/api/v1/")).length;

  it.each(["http_500", "http_502", "http_503", "http_429"] as const)("retries %s and then succeeds", async (kind) => {
    setup.sim.faults.add({ kind, count: 2 });
    const fields = await setup.client.getUserCustomFields({ email: "anna@example.com" });
    expect(fields).toHaveLength(1);
    expect(techCalls()).toBe(3);
    expect(logLines).toHaveLength(2);
  });

  it("gives up after the configured attempts with unavailable", async () => {
    setup.sim.faults.add({ kind: "http_503" });
    const error = (await caught(setup.client.importUser({ user: { email: "a@example.com" } }))) as GetCourseError;
    expect(isOutboundError(error, "unavailable")).toBe(true);
    expect(error.status).toBe(503);
    expect(setup.sim.calls).toHaveLength(3);
  });

  it("does not retry a 4xx-type answer (not found)", async () => {
    await caught(setup.client.getUserCustomFields({ email: "ghost@example.com" }));
    expect(techCalls()).toBe(1);
  });

  it("times out on a slow answer, retries, then succeeds", async () => {
    setup.sim.faults.add({ kind: "latency", delayMs: 400, count: 1 });
    const fields = await setup.client.getUserCustomFields({ email: "anna@example.com" });
    expect(fields).toHaveLength(1);
    expect(logLines[0]).toContain("timeout");
  });

  it("reports a timeout when GetCourse hangs on every attempt", async () => {
    setup.sim.faults.add({ kind: "timeout", delayMs: 300 });
    const started = Date.now();
    const error = (await caught(setup.client.getUserCustomFields({ email: "anna@example.com" }))) as GetCourseError;
    expect(error.kind).toBe("timeout");
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it.each(["malformed", "empty"] as const)("reports a %s body as malformed_answer without retrying", async (kind) => {
    setup.sim.faults.add({ kind, count: 1 });
    const error = (await caught(setup.client.getUserCustomFields({ email: "anna@example.com" }))) as GetCourseError;
    expect(error.kind).toBe("malformed_answer");
    expect(techCalls()).toBe(1);
  });

  it("reports a body of the wrong shape as malformed_answer", async () => {
    setup.sim.faults.add({ kind: "malformed", count: 1, pathPrefix: "/pl/api/account" });
    const error = (await caught(setup.client.getFieldDictionary())) as GetCourseError;
    expect(error.kind).toBe("malformed_answer");
  });

  it("does not repeat a deal creation that may have happened", async () => {
    setup.sim.faults.add({ kind: "http_502", count: 1 });
    const error = (await caught(
      setup.client.importDeal({ user: { email: "b@example.com" }, deal: { offer_code: "c", deal_cost: 10 } }),
    )) as GetCourseError;
    expect(error.kind).toBe("unavailable");
    expect(error.retryable).toBe(false);
    expect(setup.sim.calls).toHaveLength(1);
  });

  it("still retries a 429 on a deal creation (GetCourse did not process it)", async () => {
    setup.sim.faults.add({ kind: "http_429", count: 1 });
    const result = await setup.client.importDeal({
      user: { email: "b@example.com" },
      deal: { offer_code: "c", deal_cost: 10 },
    });
    expect(result.dealId).toBeGreaterThan(0);
    expect(setup.sim.state.deals).toHaveLength(1);
  });

  it("keeps the key and token out of every error message and log line", async () => {
    setup.sim.faults.add({ kind: "http_500" });
    const errors = [
      await caught(setup.client.importUser({ user: { email: "a@example.com" } })),
      await caught(setup.client.getUserCustomFields({ email: "anna@example.com" })),
      await caught(setup.client.startUsersExport({ status: "active" })),
    ];
    const secrets = [setup.sim.apiKey, setup.sim.techToken, ...setup.sim.techToken.split("_")];
    for (const text of [...errors.map((error) => String((error as Error).message)), ...logLines]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });

  it("points at the wrong account address with a clear rejection", async () => {
    const { createGetCourseClient } = await import("./client");
    const client = createGetCourseClient({ accountUrl: `${setup.sim.url}/nope`, apiKey: "k", techToken: "t" });
    const error = (await caught(client.importUser({ user: { email: "a@example.com" } }))) as GetCourseError;
    expect(error.kind).toBe("rejected");
    expect(error.message).toContain("account URL");
  });
});

describe("answers that do not parse (issue 12)", () => {
  it("reach onMalformedAnswer with the call's name and the answer, then fail as malformed_answer", async () => {
    const server = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"status":true,"data":"not a field list"}'),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const reports: MalformedAnswerReport[] = [];
    const client = createGetCourseClient({
      accountUrl: `http://127.0.0.1:${port}`,
      techToken: "dev_school-secret",
      retry: { attempts: 1 },
      onMalformedAnswer: (report) => reports.push(report),
    });
    const error = (await caught(client.getUserCustomFields({ email: "anna@example.com" }))) as GetCourseError;
    server.close();
    expect(error.kind).toBe("malformed_answer");
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ call: "tech.get-custom-fields", body: "not a field list" });
    expect(reports[0]?.secrets).toContain("dev_school-secret");
  });
});
