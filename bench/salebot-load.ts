// Salebot webhooks as schools really send them, for bench:ingest: run as a process of its own (so
// it does not share an event loop with what it measures) with one JSON spec as its argument;
// prints one JSON line of figures. Clients are one, skewed as real chats are (Zipf: a few clients
// write a lot, most write a little), or all new (a broadcast's replies).
import { closedLoop, keepAliveAgent, openLoop, request, summarize } from "./load";
import { seededRandom } from "../lib/simulators/shared/seeded-random";

export type ClientMix =
  | { kind: "one"; id: number }
  | { kind: "zipf"; population: number; exponent: number; firstId: number; seed: number }
  | { kind: "unique"; firstId: number };

export type SalebotLoadSpec = {
  /** Webhook URLs (host, port, path and token); requests go round robin across them. */
  targets: string[];
  loop: { kind: "closed"; connections: number } | { kind: "open"; rate: number };
  seconds: number;
  limit?: number;
  clients: ClientMix;
  /** First message id: ids are unique across runs and load processes (Salebot's are integers). */
  firstMessageId: number;
  /** Every n-th webhook is also sent to the next target (a retry through another instance). */
  duplicateEvery?: number;
};

export type SalebotLoadResult = {
  requests: number;
  ok: number;
  failed: number;
  /** Duplicates sent and answered 2xx (not in `ok`, which counts distinct messages). */
  duplicates: number;
  duplicatesOk: number;
  distinctClients: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
};

/** The payload of a Salebot message webhook (~600 bytes), as the live service sends it. */
export function salebotWebhook(messageId: number, clientId: number): string {
  return JSON.stringify({
    id: messageId,
    client: {
      id: clientId,
      recepient: String(5_000_000_000 + clientId),
      client_type: 1,
      name: `Анна Смирнова ${clientId}`,
      avatar: `https://cdn.salebot.pro/avatars/${clientId}.jpg`,
      created_at: "2026-11-20 10:15:00",
      tag: "spring_webinar",
      group: "school_helper_bot",
    },
    message: "Здравствуйте! Хочу узнать про курс по маркетингу, когда ближайший поток и сколько он стоит?",
    attachments: "[]",
    message_id: 991,
    project_id: 777,
    is_input: 1,
    delivered: 1,
    error_message: "",
  });
}

/** Draws client ids: Zipf by inverse CDF over the population (s = exponent). */
export function clientPicker(mix: ClientMix): (index: number) => number {
  if (mix.kind === "one") return () => mix.id;
  if (mix.kind === "unique") return (index) => mix.firstId + index;
  const cdf = new Float64Array(mix.population);
  let total = 0;
  for (let rank = 0; rank < mix.population; rank++) cdf[rank] = total += 1 / (rank + 1) ** mix.exponent;
  const random = seededRandom(mix.seed);
  return () => {
    const target = random.next() * total;
    let low = 0;
    let high = mix.population - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cdf[middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return mix.firstId + low;
  };
}

export async function runSalebotLoad(spec: SalebotLoadSpec): Promise<SalebotLoadResult> {
  const targets = spec.targets.map((url) => new URL(url));
  const agent = keepAliveAgent();
  const pick = clientPicker(spec.clients);
  const clients = new Set<number>();
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let duplicates = 0;
  let duplicatesOk = 0;
  const post = async (target: URL, body: string): Promise<boolean> => {
    try {
      const answer = await request(agent, {
        port: Number(target.port),
        host: target.hostname,
        method: "POST",
        path: target.pathname + target.search,
        headers: { "content-type": "application/json" },
        body,
      });
      return answer.status >= 200 && answer.status < 300;
    } catch {
      return false;
    }
  };
  const send = async (index: number, since: number): Promise<void> => {
    const client = pick(index);
    clients.add(client);
    const body = salebotWebhook(spec.firstMessageId + index, client);
    const target = targets[index % targets.length] as URL;
    const duplicate =
      spec.duplicateEvery && targets.length > 1 && index % spec.duplicateEvery === 0
        ? (targets[(index + 1) % targets.length] as URL)
        : undefined;
    const [first, second] = await Promise.all([
      post(target, body),
      duplicate ? post(duplicate, body) : Promise.resolve(false),
    ]);
    latencies.push(performance.now() - since);
    if (first) ok++;
    else failed++;
    if (duplicate) {
      duplicates++;
      if (second) duplicatesOk++;
    }
  };
  const durationMs = spec.seconds * 1000;
  const run =
    spec.loop.kind === "closed"
      ? await closedLoop({ connections: spec.loop.connections, durationMs, limit: spec.limit, send })
      : await openLoop({ rate: spec.loop.rate, durationMs, limit: spec.limit, send });
  agent.destroy();
  const seconds = run.elapsedMs / 1000;
  const { p50, p95, p99, max } = summarize(latencies);
  return {
    requests: ok + failed,
    ok,
    failed,
    duplicates,
    duplicatesOk,
    distinctClients: clients.size,
    seconds,
    rps: ok / seconds,
    p50,
    p95,
    p99,
    max,
  };
}

if (process.argv[1]?.endsWith("salebot-load.ts") && process.argv[2]) {
  const result = await runSalebotLoad(JSON.parse(process.argv[2]) as SalebotLoadSpec);
  console.log(JSON.stringify(result));
}
