// The bare reference for bench:ingest: node:http + pg with group commit into one plain table, the
// least a durable webhook receiver can do. Run as a child process by scripts/bench-ingest.ts.
import { createServer } from "node:http";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
pool.on("error", () => process.exit(1));
await pool.query("CREATE TABLE IF NOT EXISTS bench_reference (id bigserial PRIMARY KEY, body jsonb NOT NULL)");

type Waiter = { body: string; done: (ok: boolean) => void };
let queue: Waiter[] = [];
let writing = 0;

async function flush(): Promise<void> {
  if (queue.length === 0 || writing >= 4) return;
  const batch = queue;
  queue = [];
  writing++;
  try {
    await pool.query("INSERT INTO bench_reference (body) SELECT unnest($1::jsonb[])", [batch.map((w) => w.body)]);
    for (const w of batch) w.done(true);
  } catch {
    for (const w of batch) w.done(false);
  } finally {
    writing--;
    void flush();
  }
}

createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    queue.push({
      body: Buffer.concat(chunks).toString("utf8"),
      done: (ok) =>
        res.writeHead(ok ? 200 : 500, { "content-type": "application/json" }).end(ok ? '{"success":true}' : "{}"),
    });
    setTimeout(() => void flush(), 2);
  });
}).listen(Number(process.env.PORT), "127.0.0.1", () => process.send?.("ready"));
