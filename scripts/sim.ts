// npm run sim: the GetCourse and Salebot simulators on their own, with a small sample account,
// for trying a hub (or a bot) against them. Ports: --gc-port/--sb-port or GC_SIM_PORT/SB_SIM_PORT
// (default 4010/4020). --hub <url> --token <link token> --gc-token <GetCourse webhook token> makes
// them call that hub's webhooks.
import { parseArgs } from "node:util";
import { DEMO_SEED } from "../lib/demo/constants";
import { buildDemoScenario } from "../lib/demo/scenario";
import { hubWebhookUrls, loadScenario, pointAtHub, simulatorEnv, startDemoSimulators } from "../lib/demo/simulators";

const { values } = parseArgs({
  options: {
    "gc-port": { type: "string" },
    "sb-port": { type: "string" },
    hub: { type: "string" },
    token: { type: "string" },
    "gc-token": { type: "string" },
    clients: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  console.log(
    "npm run sim -- [--gc-port 4010] [--sb-port 4020] [--hub http://localhost:3000 --token <LINK_API_TOKEN> --gc-token <GETCOURSE_WEBHOOK_TOKEN>] [--clients 40]",
  );
  process.exit(0);
}

function port(flag: string | undefined, variable: string, fallback: number): number {
  const raw = flag ?? process.env[variable] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    console.error(`${flag === undefined ? variable : "the port flag"} must be a port number (got "${raw}")`);
    process.exit(1);
  }
  return value;
}

const gcPort = port(values["gc-port"], "GC_SIM_PORT", 4010);
const sbPort = port(values["sb-port"], "SB_SIM_PORT", 4020);
const hub = values.hub ?? process.env.HUB_URL;
const linkToken = values.token ?? process.env.LINK_API_TOKEN;
const getcourseWebhookToken = values["gc-token"] ?? process.env.GETCOURSE_WEBHOOK_TOKEN;
if (hub && (!linkToken || !getcourseWebhookToken)) {
  console.error(
    "--hub needs --token and --gc-token (or LINK_API_TOKEN and GETCOURSE_WEBHOOK_TOKEN): the hub's webhooks refuse calls without their tokens.",
  );
  process.exit(1);
}
const tokens =
  linkToken && getcourseWebhookToken ? { link: linkToken, getcourseWebhook: getcourseWebhookToken } : undefined;

const sims = await startDemoSimulators({ gcPort, sbPort }).catch((error: unknown) => {
  console.error(`Cannot start the simulators: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
// A small slice of the demo account: a few dozen clients, users, links and orders.
const scenario = buildDemoScenario({ seed: DEMO_SEED, anchor: new Date(), clients: Number(values.clients ?? 40) });
loadScenario(sims, scenario, { liveDone: false });
if (hub && tokens) pointAtHub(sims, hub, tokens);

const linked = scenario.links[0];
const unlinked = scenario.live.links[0];
const env = simulatorEnv(sims);
console.log("");
console.log(`  GetCourse simulator: ${sims.gc.url}`);
console.log(`    legacy API key: ${sims.gc.apiKey}   Tech API token: ${sims.gc.techToken}`);
console.log(
  `    ${sims.gc.state.users.length} users, ${sims.gc.state.deals.length} orders; custom fields: ${sims.gc.state.fields.map((f) => f.title).join(", ")}`,
);
console.log(`  Salebot simulator:   ${sims.sb.apiUrl}`);
console.log(
  `    API key: ${sims.sb.apiKey}   project: ${env.SALEBOT_PROJECT_ID}   ${sims.sb.state.clients().length} clients`,
);
if (hub && tokens) {
  const urls = hubWebhookUrls(hub, tokens);
  console.log(
    `  Calling the hub: ${urls.getcourse.replace(/token=[^&]+/, "token=…")} and ${urls.salebot.replace(/token=[^&]+/, "token=…")}`,
  );
} else {
  console.log(
    "  Not calling any hub: pass --hub <url> --token <link token> --gc-token <GetCourse webhook token> for webhooks and callbacks.",
  );
}
if (linked && unlinked) {
  console.log(
    `  Try: ${linked.email} is linked to Salebot client ${linked.sbClientId}; ${unlinked.email} is a GetCourse user ready to link to client ${unlinked.sbClientId}.`,
  );
}
console.log("");
console.log("  Point a hub at them (e.g. in .env):");
for (const [name, value] of Object.entries(env)) console.log(`    ${name}=${value}`);
console.log("");
console.log("  Ctrl-C stops both.");

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await sims.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
