/**
 * The one place the hub keeps anything on `globalThis`.
 *
 * One process can hold several copies of `lib/`: scripts/server.ts loads it through tsx for the
 * lean paths (Salebot webhook, POST /api/link), and Next bundles its own copies (instrumentation,
 * route handlers, server actions). Each copy has its own module state. That is fine for anything
 * correct on its own per copy (caches read from the database, per-request context), and those
 * stay plain module variables. What goes here is only what must exist once per process because
 * a second copy would waste or break something outside the code:
 *   - connection pools and pg-boss (each copy would open its own connections),
 *   - the metrics registry (/api/metrics must show what every copy counted),
 *   - write buffers flushed on shutdown and the Salebot spool (one writer per folder).
 * Nothing here carries a correctness rule between copies: locks live in PostgreSQL
 * (lib/linking/key-lock.ts) and settings are loaded from it by every copy (lib/settings/load.ts).
 *
 * Values are shared as plain objects, so code must never test them (or what they throw) with
 * `instanceof` against another copy's class.
 */
type Registry = Map<string, unknown>;

const holder = globalThis as typeof globalThis & { __hubProcessSingletons?: Registry };
const registry: Registry = (holder.__hubProcessSingletons ??= new Map());

/** The process's one value under `name`, made by `create` on first use. */
export function processSingleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** The value under `name` if one was made, without making it. */
export function peekProcessSingleton<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}

/** Forgets `name` (after its resource was closed), so the next use makes a fresh one. */
export function dropProcessSingleton(name: string): void {
  registry.delete(name);
}
