// npm run seed:scale -- --clients 1000000 [--database hub_scale] [--force]
// Fills a database with a realistic analytics data set, set-based inside Postgres (generate_series),
// so a million clients take a minute or two, not hours: ~5 messages per client (heavy-tailed),
// ~30% linked, orders for ~30% of clients (some several), ~60% paid, refunds, a few non-RUB.
// Works against DATABASE_URL, else the embedded server (database --database, default hub_scale).
// Refuses a database holding anything but seed rows unless --force.
import pg from "pg";
import { rebuildAnalytics } from "../lib/analytics/refresh";
import { closeAnalyticsPool } from "../lib/analytics/pool";
import { startDatabase } from "../lib/cli/database-server";
import { applyMigrations } from "../lib/migrations/schema-engine";
import { SEED_PROJECT, seedSteps } from "./seed-scale-sql";

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const clients = Number(option("clients") ?? 100_000);
const force = process.argv.includes("--force");
if (!Number.isInteger(clients) || clients < 1 || clients > 20_000_000) {
  console.error("usage: npm run seed:scale -- --clients <1..20000000> [--database <name>] [--force]");
  process.exit(2);
}

const server = await startDatabase({ database: option("database") ?? "hub_scale", quiet: true });
const url = server.embedded ? server.url : (process.env.DATABASE_URL ?? server.url);
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
try {
  console.log(`seed:scale → ${new URL(url).host}${new URL(url).pathname}, ${clients.toLocaleString("en")} clients`);
  await applyMigrations(url);
  process.env.DATABASE_URL = url;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ real: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM salebot_clients WHERE project_id <> $1)
           OR EXISTS (SELECT 1 FROM links WHERE project_id <> $1)
           OR EXISTS (SELECT 1 FROM gc_orders WHERE deal_id NOT LIKE 'seed-%') AS real`,
      [SEED_PROJECT],
    );
    if (rows[0]?.real && !force) {
      console.error("This database holds real (non-seed) data; refusing. Pass --force to add seed data beside it.");
      process.exitCode = 1;
    } else {
      for (const step of seedSteps(clients, Boolean(rows[0]?.real))) {
        const t = performance.now();
        const result = await client.query(step.sql);
        const count = Array.isArray(result)
          ? ""
          : result.rowCount
            ? ` ${result.rowCount.toLocaleString("en")} rows`
            : "";
        console.log(
          `  ${step.label}:${count} in ${((performance.now() - t) / 1000).toFixed(1)} s (total ${elapsed()})`,
        );
      }
      const t = performance.now();
      const rebuilt = await rebuildAnalytics({ force: true });
      await client.query(
        "VACUUM ANALYZE analytics_client_facts, analytics_client_revenue, analytics_order_owners, analytics_funnel_daily, analytics_revenue_daily",
      );
      console.log(
        `  analytics rollup: ${rebuilt.clients.toLocaleString("en")} clients in ${((performance.now() - t) / 1000).toFixed(1)} s`,
      );
      const { rows: counts } = await client.query<Record<string, string>>(
        `SELECT (SELECT count(*) FROM salebot_clients) AS clients, (SELECT count(*) FROM salebot_messages) AS messages,
                (SELECT count(*) FROM links) AS links, (SELECT count(*) FROM gc_orders) AS orders,
                (SELECT count(*) FROM gc_orders WHERE paid) AS paid`,
      );
      console.log(
        `done in ${elapsed()}: ${Object.entries(counts[0] ?? {})
          .map(([k, v]) => `${Number(v).toLocaleString("en")} ${k}`)
          .join(", ")}`,
      );
    }
  } finally {
    await client.end();
  }
} finally {
  await closeAnalyticsPool();
  await server.stop();
}
