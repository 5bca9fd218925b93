// A small closed-loop HTTP load generator: N keep-alive connections each send the next request as
// soon as the previous answer arrives, for a fixed duration. Runs in its own process so it does not
// share an event loop with the server it measures. Prints one JSON line with its figures.
import http from "node:http";

const [url, connectionsArg, secondsArg, templateArg] = process.argv.slice(2);
if (!url || !templateArg) throw new Error("usage: load.ts <url> <connections> <seconds> <json-template-with-__ID__-in-quotes>");
const template: string = templateArg;
const connections = Number(connectionsArg);
const seconds = Number(secondsArg);
const target = new URL(url);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
// Numeric message ids, unique across runs: Salebot's ids are integers.
const firstId = Date.now() * 1000;

let sent = 0;
let ok = 0;
let failed = 0;
const latencies: number[] = [];
const deadline = Date.now() + seconds * 1000;

function once(): Promise<void> {
  return new Promise((resolve) => {
    const body = template.replace('"__ID__"', String(firstId + sent++));
    const started = performance.now();
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on("end", () => {
          latencies.push(performance.now() - started);
          if (res.statusCode === 200) ok++;
          else failed++;
          resolve();
        });
      },
    );
    req.on("error", () => {
      failed++;
      resolve();
    });
    req.end(body);
  });
}

async function worker(): Promise<void> {
  while (Date.now() < deadline) await once();
}

const started = performance.now();
await Promise.all(Array.from({ length: connections }, worker));
const elapsed = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? 0;
console.log(JSON.stringify({ requests: ok + failed, ok, failed, seconds: elapsed, rps: ok / elapsed, p50: pct(50), p99: pct(99) }));
agent.destroy();
