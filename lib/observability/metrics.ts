import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

/** One registry per process, kept on globalThis so dev reloads do not register metrics twice. */
type Metrics = {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpDuration: Histogram<"route" | "method">;
};

const cache = globalThis as unknown as { hubMetrics?: Metrics };

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "hub_" });
  return {
    registry,
    httpRequests: new Counter({
      name: "hub_http_requests_total",
      help: "HTTP requests answered by API routes",
      labelNames: ["route", "method", "status"],
      registers: [registry],
    }),
    httpDuration: new Histogram({
      name: "hub_http_request_duration_seconds",
      help: "Time to answer API requests",
      labelNames: ["route", "method"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  cache.hubMetrics ??= createMetrics();
  return cache.hubMetrics;
}
