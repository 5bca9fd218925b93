import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { createGetCourseClient, type GetCourseClientConfig } from "@/lib/getcourse/client";
import { startGetCourseSimulator, type GetCourseSimulatorOptions } from "@/lib/simulators/getcourse/simulator";

/** Test helpers: a simulator plus a client pointed at it, with tiny timeouts and retry delays. */

export const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20 } as const;

export async function startSimWithClient(
  simOptions: GetCourseSimulatorOptions = {},
  clientOptions: Partial<GetCourseClientConfig> = {},
) {
  const sim = await startGetCourseSimulator(simOptions);
  const client = createGetCourseClient({
    accountUrl: sim.url,
    apiKey: sim.apiKey,
    techToken: sim.techToken,
    timeoutMs: 1_000,
    retry: FAST_RETRY,
    ...clientOptions,
  });
  return { sim, client };
}

export type ReceivedRequest = { method: string; url: URL; headers: IncomingHttpHeaders; body: string };

/** A tiny HTTP receiver standing in for the hub. */
export async function startReceiver(status = 200) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({
        method: req.method ?? "GET",
        url: new URL(req.url ?? "/", "http://receiver.local"),
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(status, { "content-type": "application/json" }).end('{"success":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `promise` expecting a rejection; returns the error for assertions. */
export async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}
