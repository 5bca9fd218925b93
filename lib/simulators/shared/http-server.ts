import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { FaultInjector } from "./faults";

export type SimRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  rawBody: string;
  /** Query, form and JSON body merged (body wins), values as strings or parsed JSON. */
  params: Record<string, unknown>;
};

export type SimResponse = { status: number; body: unknown; headers?: Record<string, string> };

export type SimHandler = (request: SimRequest) => Promise<SimResponse> | SimResponse;

export type RunningSimulator = {
  url: string;
  server: Server;
  faults: FaultInjector;
  /** Every request seen, newest last, for assertions. */
  calls: SimRequest[];
  close(): Promise<void>;
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseParams(
  query: URLSearchParams,
  rawBody: string,
  contentType: string | undefined,
): Record<string, unknown> {
  const params: Record<string, unknown> = Object.fromEntries(query);
  if (!rawBody) return params;
  if (contentType?.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(rawBody);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) Object.assign(params, parsed);
    } catch {
      // A malformed JSON body is the handler's to reject; the raw body stays available.
    }
  } else {
    Object.assign(params, Object.fromEntries(new URLSearchParams(rawBody)));
  }
  return params;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function applyFault(res: ServerResponse, kind: string, delayMs: number): Promise<boolean> {
  switch (kind) {
    case "http_500":
    case "http_502":
    case "http_503":
      res.writeHead(Number(kind.slice(5)), { "content-type": "text/html" }).end("<html>Bad Gateway</html>");
      return true;
    case "http_429":
      res
        .writeHead(429, { "content-type": "application/json", "retry-after": "1" })
        .end('{"error":"Too Many Requests"}');
      return true;
    case "timeout":
      await sleep(delayMs);
      res.socket?.destroy();
      return true;
    case "malformed":
      res.writeHead(200, { "content-type": "application/json" }).end('{"success": tru');
      return true;
    case "empty":
      res.writeHead(200, { "content-type": "application/json" }).end("");
      return true;
    default:
      return false;
  }
}

/** Starts an HTTP simulator on 127.0.0.1 (port 0 = any free port) with fault injection in front. */
export async function startSimulatorServer(
  handler: SimHandler,
  options: { port?: number } = {},
): Promise<RunningSimulator> {
  const faults = new FaultInjector();
  const calls: SimRequest[] = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://simulator.local");
      const rawBody = await readBody(req);
      const request: SimRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        params: parseParams(url.searchParams, rawBody, req.headers["content-type"]),
      };
      calls.push(request);
      const { latencyMs, fault } = faults.decide(url.pathname);
      if (latencyMs > 0) await sleep(latencyMs);
      if (fault && (await applyFault(res, fault.kind, fault.delayMs))) return;
      const answer = await handler(request);
      const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body);
      res.writeHead(answer.status, { "content-type": "application/json; charset=utf-8", ...answer.headers }).end(body);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    faults,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
