// The one load generator and percentile helper of every benchmark (scripts/bench-*.ts): keep-alive
// node:http requests (cheaper per request than fetch, so the generator takes as little CPU as it
// can from the server it measures), a closed loop of N connections and an open loop at a rate.
import http from "node:http";

/** Nearest rank: the smallest value with at least p % of the values at or below it. `sorted` ascending. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

export const sortedOf = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);

export type LatencySummary = { count: number; p50: number; p95: number; p99: number; max: number };

export function summarize(values: readonly number[]): LatencySummary {
  const sorted = sortedOf(values);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(1) : "n/a");

/** Sockets enough for an open loop whose server lags (more requests in flight than planned). */
export function keepAliveAgent(maxSockets = 1_024): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export type Answer = { status: number; text: string; headers: http.IncomingHttpHeaders };

export type RequestSpec = {
  port: number;
  host?: string;
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
};

export function request(agent: http.Agent, spec: RequestSpec): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers =
      spec.body === undefined
        ? (spec.headers ?? {})
        : { ...spec.headers, "content-length": String(Buffer.byteLength(spec.body)) };
    const req = http.request(
      { host: spec.host ?? "127.0.0.1", port: spec.port, method: spec.method, path: spec.path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }),
        );
        res.on("error", reject);
      },
    );
    const timeoutMs = spec.timeoutMs ?? 15_000;
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(spec.body);
  });
}

/** What a run produced: one sample per request sent, in the order answers came back. */
export type Run<S> = { samples: S[]; elapsedMs: number; sent: number };

/** Either loop: for how long, at most how many, and how to send request i (given when it started or was due). */
type LoopOptions<S> = { durationMs: number; limit?: number; send: (index: number, at: number) => Promise<S> };

/**
 * Closed loop: `connections` loops, each sending its next request as soon as the previous answer
 * arrives, until the time is up or `limit` requests were sent. `send(i, startedAt)` sends request i.
 */
export async function closedLoop<S>(options: LoopOptions<S> & { connections: number }): Promise<Run<S>> {
  const samples: S[] = [];
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  const begin = performance.now();
  async function loop(): Promise<void> {
    while (sent < limit && performance.now() - begin < options.durationMs)
      samples.push(await options.send(sent++, performance.now()));
  }
  await Promise.all(Array.from({ length: options.connections }, loop));
  return { samples, elapsedMs: performance.now() - begin, sent };
}

/**
 * Open loop: requests leave on a fixed schedule whatever the answers do, and `send` gets the
 * scheduled time, so latency counted from it shows a server that falls behind instead of the load
 * slowing down to match it.
 */
export async function openLoop<S>(options: LoopOptions<S> & { rate: number }): Promise<Run<S>> {
  const samples: S[] = [];
  const pending = new Set<Promise<void>>();
  const total = Math.min(
    options.limit ?? Number.POSITIVE_INFINITY,
    Math.ceil((options.durationMs / 1000) * options.rate),
  );
  const begin = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - begin) / 1000) * options.rate) + 1);
    while (sent < due) {
      const work = options.send(sent, begin + (sent * 1000) / options.rate).then((sample) => {
        samples.push(sample);
        pending.delete(work);
      });
      pending.add(work);
      sent += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all([...pending]);
  return { samples, elapsedMs: performance.now() - begin, sent };
}
