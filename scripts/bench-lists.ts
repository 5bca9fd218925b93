// npm run bench:lists [-- --rows 1000000 --runs 20 --keep]: the /links page's queries against a
// database with a million links. Seeds once with generate_series (kept with --keep and reused),
// runs each query kind N times, prints p50/p95, and EXPLAIN (ANALYZE, BUFFERS) for the slowest.
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { startDatabase } from "../lib/cli/database-server";
import { applyMigrations } from "../lib/migrations/schema-engine";
import { adminQuery, databaseUrl } from "../lib/testing/test-server";
import { percentile } from "../bench/load";
import { recordBenchFigures } from "../bench/summary";

const { values: args } = parseArgs({
  options: {
    rows: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    keep: { type: "boolean", default: false },
  },
});
const ROWS = Number(args.rows);
const RUNS = Number(args.runs);
// The seed's shape is in the name, so a kept database of an older seed is not reused.
const DATABASE = `hub_bench_lists_people_${ROWS}`;
const TARGET_P95_MS = 100;

const server = await startDatabase({
  dataDir: path.resolve(".data/bench-lists-pg"),
  port: 54600,
  database: "postgres",
  quiet: true,
});
const exists =
  (await adminQuery(server.url, "SELECT 1 FROM pg_database WHERE datname = $1", [DATABASE])).rowCount === 1;
if (!exists) await adminQuery(server.url, `CREATE DATABASE "${DATABASE}"`);
const url = databaseUrl(server.url, DATABASE);
process.env.DATABASE_URL = url;
await applyMigrations(url);

const sql = new pg.Client({ connectionString: url });
await sql.connect();

async function seed(): Promise<void> {
  const { rows } = await sql.query<{ n: number }>("SELECT count(*)::int AS n FROM links");
  if ((rows[0]?.n ?? 0) >= ROWS) {
    console.log(`reusing ${DATABASE}: ${rows[0]?.n} links`);
    return;
  }
  const started = performance.now();
  await sql.query("TRUNCATE links, salebot_clients, link_attempts");
  await sql.query("DROP TABLE IF EXISTS bench_people");
  // The analytics triggers would queue a million dirty marks; a bench database has no rollup to keep.
  await sql.query("SET session_replication_role = replica");
  // People as a school has them: a first name and a surname (female forms for female first names),
  // e-mails from the surname at five domains, a Telegram username for 70%. Two surnames are
  // rarer: one in 331 clients (about 3,000 at 1M) and one in 4,999 (about 200).
  await sql.query(
    `CREATE TEMP TABLE bench_people AS
     SELECT i, CASE WHEN i % 10 = 0 THEN '200' ELSE '100' END AS project_id, (10000000 + i)::text AS client_id,
            first, female, surname, latin, (ARRAY['gmail.com','mail.ru','yandex.ru','inbox.ru','example.com'])[1 + i % 5] AS domain
     FROM generate_series(1, $1::int) i,
     LATERAL (SELECT (ARRAY['Иван','Мария','Олег','Анна','Пётр','Ольга','Сергей','Елена'])[1 + i % 8] AS first, i % 2 = 1 AS female) f,
     LATERAL (SELECT CASE WHEN i % 4999 = 0 THEN -2 WHEN i % 331 = 0 THEN -1 ELSE 1 + (i / 8) % 16 END AS k) pick,
     LATERAL (SELECT
       CASE k WHEN -1 THEN 'Рахманинов' WHEN -2 THEN 'Шостакович' ELSE (ARRAY['Иванов','Петров','Смирнов','Кузнецов','Попов','Соколов','Лебедев','Козлов',
         'Новиков','Морозов','Волков','Соловьёв','Васильев','Зайцев','Павлов','Семёнов'])[k] END AS surname,
       CASE k WHEN -1 THEN 'rakhmaninov' WHEN -2 THEN 'shostakovich' ELSE (ARRAY['ivanov','petrov','smirnov','kuznetsov','popov','sokolov','lebedev','kozlov',
         'novikov','morozov','volkov','solovyev','vasilyev','zaytsev','pavlov','semenov'])[k] END AS latin) s`,
    [ROWS],
  );
  await sql.query(
    `INSERT INTO salebot_clients (project_id, client_id, name, messenger, variables, first_message_at, updated_at)
     SELECT project_id, client_id, first || ' ' || surname || CASE WHEN female AND surname NOT LIKE '%ич' THEN 'а' ELSE '' END, 'telegram',
            CASE WHEN i % 10 < 7 THEN jsonb_build_object('tg_username', '@' || latin || '_' || substr(md5(i::text), 7, 5)) END,
            now() - (i % 400) * interval '1 day', now()
     FROM bench_people`,
  );
  // Triggers are off, so the links' copies of the name and the username, their search text and the
  // pending count are written here.
  // Oldest first, as a live hub writes them (a link is inserted when it is made): the table's pages
  // follow linked_at, which the default order walks.
  await sql.query(
    `INSERT INTO links (project_id, sb_client_id, client_name, telegram_username, search_text, telegram_id, email, gc_user_id, source, linked_at, updated_at)
     SELECT p.project_id, p.client_id, c.name, u.username, links_search_text(c.name, e.email, u.username),
            CASE WHEN p.i % 7 = 0 THEN NULL ELSE (500000000 + p.i)::text END,
            e.email, (3000000 + p.i)::text,
            (ARRAY['bot','bot','bot','form','admin'])[1 + p.i % 5]::"LinkSource",
            now() - ((p.i::bigint * 7919) % 525600) * interval '1 minute', now()
     FROM bench_people p JOIN salebot_clients c ON c.project_id = p.project_id AND c.client_id = p.client_id,
     LATERAL (SELECT p.latin || '.' || substr(md5(p.i::text), 1, 6) || '.' || p.i || '@' || p.domain AS email) e,
     LATERAL (SELECT salebot_telegram_username(c.variables) AS username) u
     ORDER BY (p.i::bigint * 7919) % 525600 DESC`,
  );
  // 0.5% of clients wait for their Salebot variables; as many more have a resolved attempt.
  await sql.query(
    `INSERT INTO link_attempts (request_id, project_id, sb_client_id, source, outcome, error_code, duration_ms, input, resolved_at)
     SELECT 'bench-' || i, CASE WHEN i % 10 = 0 THEN '200' ELSE '100' END, (10000000 + i)::text, 'bot', 'queued', 'salebot_unavailable', 10, '{}',
            CASE WHEN i % 400 = 201 THEN now() END
     FROM generate_series(1, $1::int, 200) i`,
    [ROWS],
  );
  await sql.query(
    `UPDATE links l SET pending_salebot_attempts = open.n
     FROM (SELECT project_id, sb_client_id, count(*)::int AS n FROM link_attempts
           WHERE error_code = 'salebot_unavailable' AND resolved_at IS NULL GROUP BY 1, 2) open
     WHERE l.project_id = open.project_id AND l.sb_client_id = open.sb_client_id`,
  );
  await sql.query("SET session_replication_role = origin");
  await sql.query("VACUUM ANALYZE links");
  await sql.query("VACUUM ANALYZE salebot_clients");
  await sql.query("VACUUM ANALYZE link_attempts");
  console.log(`seeded ${ROWS} links and clients in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await seed();

// Loaded after DATABASE_URL points at the bench database (the Prisma client is created on first use).
const { linkListQuerySchema, linkPageSql, listLinks, searchKind, wordSearchPageSql } =
  await import("../lib/queries/links");
const { disconnectDb } = await import("../lib/db");

const probe = 10000000 + Math.floor(ROWS / 2);
const CASES: [string, Record<string, string>][] = [
  ["default page", {}],
  ["search telegram id", { q: String(500000000 + probe - 10000000 + 1) }],
  ["search salebot id", { q: String(probe) }],
  ["search gc user id", { q: String(3000000 + probe - 10000000) }],
  ["search e-mail exact", { q: `${"x"}` }],
  ["search e-mail prefix (2 letters)", { q: "iv" }],
  ["search name part", { q: "мари" }],
  ["search surname alone (common)", { q: "Смирнова" }],
  ["search surname alone, deep page 80", { q: "Смирнова", page: "80" }],
  ["search surname first", { q: "Смирнова Анна" }],
  ["search surname first, deep page 80", { q: "Смирнова Анна", page: "80" }],
  ["search first name first", { q: "Анна Смирнова" }],
  ["search surname (1 in 662)", { q: "Рахманинова" }],
  ["search surname (1 in 662), page 40", { q: "Рахманинова", page: "40" }],
  ["search surname (rare)", { q: "Шостакович" }],
  ["search surname first (rare)", { q: "Шостакович Ольга" }],
  ["search e-mail part (domain)", { q: "gmail" }],
  ["search e-mail part (domain), page 80", { q: "gmail", page: "80" }],
  ["search e-mail part (local)", { q: "kuznetsov" }],
  ["search e-mail part (rare)", { q: "x" }],
  ["search telegram username part", { q: "x" }],
  ["search telegram username (common)", { q: "@smirnov_" }],
  ["search telegram username, page 80", { q: "smirnov_", page: "80" }],
  ["search no match", { q: "zzqqxx" }],
  ["search surname + source=form", { q: "Смирнова", source: "form" }],
  ["search surname + period=7d", { q: "Кузнецов", period: "7d" }],
  ["filter source=form", { source: "form" }],
  ["filter period=7d", { period: "7d" }],
  ["filter status=salebot_pending", { status: "salebot_pending" }],
  ["filter status=linked", { status: "linked" }],
  ["filters source+period+status", { source: "admin", period: "30d", status: "linked" }],
  ["sort name asc", { sort: "name", dir: "asc" }],
  ["sort name desc", { sort: "name", dir: "desc" }],
  ["search name part, sort name", { q: "мари", sort: "name", dir: "asc" }],
  ["search surname, sort email", { q: "Смирнова", sort: "email", dir: "asc" }],
  ["search surname (1 in 662), sort name", { q: "Рахманинова", sort: "name", dir: "asc" }],
  ["search name part, deep page 80", { q: "мари", page: "80" }],
  ["filter source=form, deep page 80", { source: "form", page: "80" }],
  ["search name part + status=linked", { q: "мари", status: "linked" }],
  ["status=salebot_pending, sort name", { status: "salebot_pending", sort: "name", dir: "asc" }],
  ["sort email asc", { sort: "email", dir: "asc" }],
  ["sort email desc", { sort: "email", dir: "desc" }],
  ["sort telegramId asc", { sort: "telegramId", dir: "asc" }],
  ["sort telegramId desc", { sort: "telegramId", dir: "desc" }],
  ["sort linkedAt asc", { sort: "linkedAt", dir: "asc" }],
  ["deep page 80 (last counted)", { page: "80" }],
  ["deep page 20 x 100 rows", { page: "20", pageSize: "100" }],
  ["deep page 80, sort email", { page: "80", sort: "email", dir: "asc" }],
];
// An exact e-mail and parts of one client's e-mail and username from the data (md5 makes them unguessable).
const sample = await sql.query<{ email: string; username: string }>(
  "SELECT email, telegram_username AS username FROM links WHERE telegram_username IS NOT NULL AND sb_client_id >= $1 ORDER BY sb_client_id LIMIT 1",
  [String(probe)],
);
const fromSample: Record<string, (row: { email: string; username: string }) => string> = {
  "search e-mail exact": (row) => row.email,
  "search e-mail part (rare)": (row) => row.email.split(".")[1] ?? row.email,
  "search telegram username part": (row) => `@${row.username.slice(-7)}`,
};
for (const [name, input] of CASES) {
  const read = fromSample[name];
  if (read && sample.rows[0]) input.q = read(sample.rows[0]);
}

// The machine is shared: the load beside the figures says how busy it was.
const loadAverage = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" / ");
console.log(`load average (1/5/15 min) before the runs: ${loadAverage()}`);
const results: {
  name: string;
  input: Record<string, string>;
  p50: number;
  p95: number;
  total: number;
  capped: boolean;
}[] = [];
for (const [name, input] of CASES) {
  const query = linkListQuerySchema.parse(input);
  await listLinks(query); // warm-up
  const times: number[] = [];
  let last = { total: 0, totalCapped: false };
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    last = await listLinks(query);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  results.push({
    name,
    input,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    total: last.total,
    capped: last.totalCapped,
  });
}

console.log(`\n/links page queries (count + page, as the page runs them), ${RUNS} runs each, ${ROWS} links:`);
console.log(`${"query".padEnd(40)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  rows`);
for (const r of results) {
  const flag = r.p95 > TARGET_P95_MS ? "  ✗ over target" : "";
  console.log(
    `${r.name.padEnd(40)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)}  ${r.capped ? ">" : ""}${r.total}${flag}`,
  );
}
const worst = Math.max(...results.map((r) => r.p95));
console.log(`load average (1/5/15 min) after the runs: ${loadAverage()}`);
console.log(
  `\nworst p95: ${worst.toFixed(1)} ms (target ≤ ${TARGET_P95_MS} ms): ${worst <= TARGET_P95_MS ? "ok" : "OVER"}`,
);
const within = results.filter((r) => r.p95 <= TARGET_P95_MS).length;
recordBenchFigures("lists", [
  {
    metric: `/links queries within target (${ROWS} links)`,
    value: `${within} of ${results.length}`,
    target: `all ≤ ${TARGET_P95_MS} ms p95`,
    met: within === results.length,
  },
  {
    metric: "worst /links query p95",
    value: `${worst.toFixed(1)} ms`,
    target: `≤ ${TARGET_P95_MS} ms`,
    met: worst <= TARGET_P95_MS,
  },
]);

// The plans of the three slowest: which index each part uses, and what it cost.
const { Prisma } = await import("../lib/generated/prisma/client");
for (const r of [...results].sort((a, b) => b.p95 - a.p95).slice(0, 3)) {
  const query = linkListQuerySchema.parse(r.input);
  const page = Math.min(query.page, Math.max(1, Math.ceil(r.total / query.pageSize)));
  const offset = (page - 1) * query.pageSize;
  const pageSql =
    query.q && searchKind(query.q) === "words"
      ? wordSearchPageSql(query, r.capped, query.pageSize, offset)
      : linkPageSql(query, query.pageSize, offset);
  const statement = Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${pageSql}`;
  const plan = (await sql.query<{ "QUERY PLAN": string }>(statement.text, statement.values)).rows.map(
    (row) => row["QUERY PLAN"],
  );
  const keep = plan
    .filter((line) => /Scan|Join|Nested Loop|Sort|Limit|Execution Time|Planning Time|Buffers: shared/.test(line))
    .slice(0, 14);
  console.log(
    `\nEXPLAIN ${r.name} (page query; p95 ${r.p95.toFixed(1)} ms):\n${keep.map((line) => `  ${line.trim().slice(0, 150)}`).join("\n")}`,
  );
}

await sql.end();
await disconnectDb();
if (!args.keep) {
  await adminQuery(server.url, `DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
}
await server.stop();
