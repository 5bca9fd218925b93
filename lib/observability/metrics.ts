import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { processSingleton } from "@/lib/process-singleton";
import { operationalSnapshot } from "./operational-snapshot";

/**
 * One registry per process (lib/process-singleton.ts): the lean server counts links and webhooks
 * in its copy of lib/, /api/metrics is served by Next's, and both must see the same counters.
 */
type Metrics = {
  registry: Registry;
  httpRequests: Counter<"route" | "method" | "status">;
  httpDuration: Histogram<"route" | "method">;
  /** Webhooks answered 200, by source (`salebot`, `getcourse`) and what became of them. */
  webhooksIngested: Counter<"source" | "outcome">;
  /** Link flow results: `code` is `success` or the error code; `queued` says the queue carries it on. */
  linkOutcomes: Counter<"code" | "queued">;
  /** One try of one Salebot delivery: sent, retrying, dead or skipped. */
  deliveryOutcomes: Counter<"result">;
};

function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "hub_" });
  // Gauges read at scrape time: the spool is this process's; queue depth and open failures are the
  // database's, shared by every instance (so sum() over instances would overcount them: use max()).
  new Gauge({
    name: "hub_salebot_spool_depth",
    help: "Salebot webhooks accepted into this instance's spool and not yet in Postgres",
    registers: [registry],
    async collect() {
      const { salebotSpoolDepth } = await import("@/lib/events/salebot-ingest");
      this.set(salebotSpoolDepth());
    },
  });
  new Gauge({
    name: "hub_job_queue_depth",
    help: "Jobs waiting in each pg-boss queue (created or retry, due or not)",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      const snapshot = await operationalSnapshot();
      if (!snapshot) return;
      this.reset();
      for (const [queue, count] of Object.entries(snapshot.queueDepth)) this.set({ queue }, count);
    },
  });
  new Gauge({
    name: "hub_open_failures",
    help: "Unresolved link failures by error code, and dead deliveries (code `delivery_dead`)",
    labelNames: ["code"],
    registers: [registry],
    async collect() {
      const snapshot = await operationalSnapshot();
      if (!snapshot) return;
      this.reset();
      for (const [code, count] of Object.entries(snapshot.openFailures)) this.set({ code }, count);
    },
  });
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
    webhooksIngested: new Counter({
      name: "hub_webhooks_ingested_total",
      help: "Webhooks answered 200, by source and outcome (stored, duplicate, ignored, accepted, unreadable)",
      labelNames: ["source", "outcome"],
      registers: [registry],
    }),
    linkOutcomes: new Counter({
      name: "hub_link_outcomes_total",
      help: "Link flow results by code (success or the error code) and whether the queue retries it",
      labelNames: ["code", "queued"],
      registers: [registry],
    }),
    deliveryOutcomes: new Counter({
      name: "hub_delivery_outcomes_total",
      help: "Salebot delivery tries by result",
      labelNames: ["result"],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  return processSingleton("metrics", createMetrics);
}
