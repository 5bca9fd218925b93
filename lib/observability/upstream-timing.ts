import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How long a request waited on GetCourse and Salebot, so the hub's own overhead (total minus
 * upstream) can be told apart from the services' latency (`Server-Timing`, the link benchmark).
 *
 * Calls of one request often overlap (the GC field write and the legacy import run together), so
 * summing their durations would count the same wall time twice. The timer measures the union
 * instead: the wall-clock time during which at least one outbound call was in flight.
 */
export class UpstreamTimer {
  private inFlight = 0;
  private busySince = 0;
  private closedMs = 0;
  private started = 0;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Marks one call as started; the returned function ends it (extra calls are ignored). */
  begin(): () => void {
    if (this.inFlight === 0) this.busySince = this.now();
    this.inFlight += 1;
    this.started += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) this.closedMs += this.now() - this.busySince;
    };
  }

  /** Wall time with at least one call in flight, an open stretch counted up to now. */
  get totalMs(): number {
    return this.closedMs + (this.inFlight > 0 ? this.now() - this.busySince : 0);
  }

  /** Outbound calls started (retries count separately). */
  get calls(): number {
    return this.started;
  }
}

// Per copy of lib/: a request is timed by the copy that serves it, whose GetCourse/Salebot clients
// (lib/integrations.ts, also per copy) report to this same store.
const storage = new AsyncLocalStorage<UpstreamTimer>();

/** Runs `work` with a fresh timer that every outbound call made inside it reports to. */
export function withUpstreamTimer<T>(timer: UpstreamTimer, work: () => T): T {
  return storage.run(timer, work);
}

/**
 * Times one outbound exchange against the current request's timer; outside a request (job
 * workers, scripts) there is no timer and the call runs untouched.
 */
export async function timeUpstream<T>(call: () => Promise<T>): Promise<T> {
  const timer = storage.getStore();
  if (!timer) return call();
  const end = timer.begin();
  try {
    return await call();
  } finally {
    end();
  }
}

/** `Server-Timing` value: `upstream` = time waiting on outside services, `app` = the whole handler. */
export function serverTiming(upstreamMs: number, appMs: number): string {
  return `upstream;dur=${upstreamMs.toFixed(1)}, app;dur=${appMs.toFixed(1)}`;
}

/** Reads the two durations back from a `Server-Timing` header (the benchmark's side). */
export function parseServerTiming(header: string | null | undefined): { upstreamMs?: number; appMs?: number } {
  const out: { upstreamMs?: number; appMs?: number } = {};
  for (const metric of (header ?? "").split(",")) {
    const [name, ...params] = metric.trim().split(";");
    const dur = params.map((param) => param.trim()).find((param) => param.startsWith("dur="));
    const value = dur === undefined ? NaN : Number(dur.slice(4));
    if (!Number.isFinite(value)) continue;
    if (name === "upstream") out.upstreamMs = value;
    else if (name === "app") out.appMs = value;
  }
  return out;
}
