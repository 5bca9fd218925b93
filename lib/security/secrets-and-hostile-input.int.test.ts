import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { POST as link } from "@/app/api/link/route";
import { GET as linksCsv } from "@/app/api/export/links.csv/route";
import { GET as ordersCsv } from "@/app/api/export/orders.csv/route";
import { GET as linkUrl } from "@/app/api/link/url/route";
import { POST as salebotWebhook } from "@/app/api/webhooks/salebot/route";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { createSignInThrottle } from "@/lib/auth/sign-in-throttle";
import { db } from "@/lib/db";
import { acceptGetCourseCall } from "@/lib/events/getcourse-webhook";
import { currentIntegrationConfig, installIntegrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { testGetCourse, testSalebot } from "@/lib/settings/connection-test";
import { TEST_LINK_TOKEN, TEST_READ_TOKEN } from "@/lib/testing/database-per-file";
import { FIELD_SALEBOT, FIELD_TELEGRAM, startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";

/**
 * Issue 8's security checks that need the database: secrets stay out of logs and answers while
 * things go wrong, sign-in locks after repeated failures, and hostile names stored through the
 * webhooks come out of the CSV exports inert.
 */

const AUTH_SECRET = "int-test-auth-secret-0123456789";
process.env.AUTH_SECRET ??= AUTH_SECRET;
const ADMIN_PASSWORD = "admin-password-never-logged-42";

type Sims = Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let sims: Sims;

beforeAll(async () => {
  sims = await startSimulatedIntegrations({ timeoutMs: 300 });
});
afterAll(async () => {
  await sims.close();
});
afterEach(() => {
  sims.gcSim.faults.clear();
  sims.sbSim.faults.clear();
  installIntegrations(sims.integrations);
});

/** Everything written to stdout and stderr while `work` runs (still passed through). */
async function captureOutput(work: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const tap =
    (original: typeof process.stdout.write) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      chunks.push(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
      return (original as (chunk: string | Uint8Array, ...args: unknown[]) => boolean)(chunk, ...rest);
    };
  const level = process.env.LOG_LEVEL;
  // Debug: the quietest level would hide exactly the lines a leak would be in.
  process.env.LOG_LEVEL = "debug";
  process.stdout.write = tap(originals.out) as typeof process.stdout.write;
  process.stderr.write = tap(originals.err) as typeof process.stderr.write;
  try {
    await work();
  } finally {
    process.stdout.write = originals.out;
    process.stderr.write = originals.err;
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  }
  return chunks.join("");
}

function secrets(): string[] {
  return [
    sims.gcSim.apiKey,
    sims.gcSim.techToken,
    sims.sbSim.apiKey,
    TEST_LINK_TOKEN,
    TEST_READ_TOKEN,
    AUTH_SECRET,
    ADMIN_PASSWORD,
  ].filter((s) => s.length >= 6);
}

function expectNoSecret(text: string, where: string): void {
  for (const secret of secrets()) {
    expect(text.includes(secret), `${where} contains a secret (${secret.slice(0, 3)}…)`).toBe(false);
    // Also URL-encoded, as a query string would carry it.
    expect(text.includes(encodeURIComponent(secret)), `${where} contains a URL-encoded secret`).toBe(false);
  }
}

function postLink(body: Record<string, string>, token: string | null = TEST_LINK_TOKEN): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  return link(new Request("http://hub.test/api/link", { method: "POST", headers, body: JSON.stringify(body) }));
}

let nextId = 7000;
function customer(name?: string) {
  const id = nextId++;
  const email = `sec${id}@school.test`;
  sims.gcSim.state.addUser({ email, fields: { [FIELD_TELEGRAM]: "", [FIELD_SALEBOT]: "" } });
  sims.sbSim.state.addClient({ id, platformId: String(8_000_000 + id), ...(name ? { name } : {}) });
  return { email, sb_id: String(id), telegram_id: String(8_000_000 + id) };
}

describe("secrets never appear in logs or answers", () => {
  test("the link flow with GetCourse and Salebot failing, wrong keys and wrong tokens", async () => {
    const answers: string[] = [];
    const output = await captureOutput(async () => {
      log.warn("secret-capture-marker");
      const faults = ["http_500", "http_429", "malformed", "empty", "timeout"] as const;
      for (const kind of faults) {
        sims.gcSim.faults.add({ kind, delayMs: 400 });
        answers.push(await (await postLink(customer())).text());
        sims.gcSim.faults.clear();
        sims.sbSim.faults.add({ kind, delayMs: 400 });
        answers.push(await (await postLink(customer())).text());
        sims.sbSim.faults.clear();
      }
      // Wrong keys: GetCourse and Salebot refuse, and their refusals are logged.
      const config = currentIntegrationConfig();
      installIntegrations({
        ...sims.integrations,
        gc: (await import("@/lib/getcourse")).createGetCourseClient({
          accountUrl: sims.gcSim.url,
          apiKey: `${sims.gcSim.apiKey}-wrong`,
          techToken: `${sims.gcSim.techToken}-wrong`,
          timeoutMs: 300,
        }),
      });
      answers.push(await (await postLink(customer())).text());
      installIntegrations(sims.integrations);
      // Callers with wrong or missing tokens: the 401 must not echo what is expected.
      answers.push(await (await postLink(customer(), "wrong-token")).text());
      answers.push(await (await postLink(customer(), null)).text());
      answers.push(
        await (await linkUrl(new Request(`http://hub.test/api/link/url?sb_id=1&token=${TEST_READ_TOKEN}`))).text(),
      );
      answers.push(
        await (
          await linksCsv(
            new Request("http://hub.test/api/export/links.csv", {
              headers: { authorization: `Bearer ${TEST_LINK_TOKEN}` },
            }),
          )
        ).text(),
      );
      // The Settings page's connection tests, failing in every way they can.
      for (const kind of ["http_500", "malformed", "timeout"] as const) {
        sims.gcSim.faults.add({ kind, delayMs: 400 });
        sims.sbSim.faults.add({ kind, delayMs: 400 });
        answers.push(JSON.stringify(await testGetCourse(config)));
        answers.push(JSON.stringify(await testSalebot(config)));
        sims.gcSim.faults.clear();
        sims.sbSim.faults.clear();
      }
      answers.push(JSON.stringify(await testGetCourse(config)));
      answers.push(JSON.stringify(await testSalebot(config)));
    });
    expect(answers.length).toBeGreaterThan(20);
    expectNoSecret(answers.join("\n"), "an API answer");
    expectNoSecret(output, "the log output");
    // The capture works (a silent capture would prove nothing): the marker line went through it.
    expect(output).toContain("secret-capture-marker");
    // Failures are recorded in link_attempts and shown on the Failures page: no secrets there either.
    const stored = await db.$queryRaw<Array<{ row: string }>>`SELECT row_to_json(a)::text AS row FROM link_attempts a`;
    expect(stored.length).toBeGreaterThan(10);
    expectNoSecret(stored.map((r) => r.row).join("\n"), "a stored link attempt");
  }, 60_000);

  test("a failed sign-in logs neither the password tried nor the real one", async () => {
    await db.user.create({
      data: { email: "leak@school.test", passwordHash: await hashPassword(ADMIN_PASSWORD), role: "admin" },
    });
    const throttle = createSignInThrottle();
    const output = await captureOutput(async () => {
      await checkCredentials({ email: "leak@school.test", password: `${ADMIN_PASSWORD}x`, ip: "10.9.9.9" }, throttle);
      await checkCredentials({ email: "leak@school.test", password: ADMIN_PASSWORD, ip: "10.9.9.9" }, throttle);
    });
    expect(output).not.toContain(ADMIN_PASSWORD);
  });
});

describe("sign-in throttle", () => {
  test("five wrong passwords from one address throttle that address for the e-mail, not the e-mail for everyone", async () => {
    await db.user.create({
      data: { email: "throttle@school.test", passwordHash: await hashPassword("right-password-123"), role: "staff" },
    });
    const throttle = createSignInThrottle();
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push(
        await checkCredentials(
          { email: "throttle@school.test", password: `wrong-${i}-password`, ip: "10.0.0.9" },
          throttle,
        ),
      );
    expect(results.slice(0, 4).map((r) => (r.ok ? "ok" : r.reason))).toEqual([
      "invalid",
      "invalid",
      "invalid",
      "invalid",
    ]);
    expect(results[4]).toMatchObject({ ok: false, reason: "throttled" });
    // From another address, with the right password and a differently spelled e-mail.
    expect(
      await checkCredentials(
        { email: " THROTTLE@school.test ", password: "right-password-123", ip: "10.1.1.1" },
        throttle,
      ),
    ).toMatchObject({ ok: true });
  });

  test("twenty failures from one address lock that address for every e-mail", async () => {
    const throttle = createSignInThrottle();
    for (let i = 0; i < 20; i++)
      await checkCredentials({ email: `nobody${i}@school.test`, password: "whatever-123", ip: "10.2.2.2" }, throttle);
    expect(
      await checkCredentials({ email: "someone-else@school.test", password: "whatever-123", ip: "10.2.2.2" }, throttle),
    ).toMatchObject({ reason: "throttled" });
    expect(
      await checkCredentials({ email: "someone-else@school.test", password: "whatever-123", ip: "10.3.3.3" }, throttle),
    ).toMatchObject({ reason: "invalid" });
  });
});

describe("hostile names are inert in CSV exports", () => {
  const SCRIPT = "<script>alert(1)</script>";
  const FORMULA = '=HYPERLINK("http://x","y")';

  test("Salebot clients named like markup or a formula, stored via the webhook and linked", async () => {
    for (const name of [SCRIPT, FORMULA, "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]) {
      const c = customer();
      const webhook = await salebotWebhook(
        new Request("http://hub.test/api/webhooks/salebot", {
          method: "POST",
          headers: { authorization: `Bearer ${TEST_LINK_TOKEN}`, "content-type": "application/json" },
          body: JSON.stringify({
            id: Number(c.sb_id) * 10,
            project_id: 777,
            message: "hi",
            is_input: 1,
            client: { id: Number(c.sb_id), recepient: c.telegram_id, client_type: 1, name },
          }),
        }),
      );
      expect(webhook.status).toBe(200);
      expect(await (await postLink(c)).json()).toEqual({ success: true });
    }
    const response = await linksCsv(
      new Request("http://hub.test/api/export/links.csv", { headers: { authorization: `Bearer ${TEST_READ_TOKEN}` } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const csv = await response.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csv).toContain("'+cmd|");
    expect(csv).toContain("'@SUM(1+1)");
    expect(csv).toContain("'-2+3");
    // Markup is just text in a CSV; it is there, unchanged, and cannot start a formula.
    expect(csv).toContain(SCRIPT);
    for (const cell of cells(csv)) expect(cell, `a CSV cell starts a formula: ${cell}`).not.toMatch(/^[=+\-@\t\r]/);
  });

  test("a GetCourse order whose offer and e-mail look like formulas", async () => {
    await acceptGetCourseCall({
      query: {
        event: "paid",
        deal_id: "991",
        deal_number: "=1+1",
        email: "buyer@school.test",
        status: "payed",
        cost: "100",
        paid: "100",
        offer: FORMULA,
      },
      body: undefined,
    });
    const response = await ordersCsv(
      new Request("http://hub.test/api/export/orders.csv", { headers: { authorization: `Bearer ${TEST_READ_TOKEN}` } }),
    );
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    for (const cell of cells(csv)) expect(cell).not.toMatch(/^[=+@\t\r]/);
  });
});

/** The cells of a CSV text (RFC 4180 quoting), unquoted; BOM dropped. */
function cells(csv: string): string[] {
  const out: string[] = [];
  const text = csv.replace(/^\uFEFF/, "");
  let i = 0;
  while (i < text.length) {
    let cell = "";
    if (text[i] === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else cell += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== "," && text[i] !== "\r" && text[i] !== "\n") cell += text[i++];
    }
    out.push(cell);
    if (text[i] === ",") i++;
    else while (text[i] === "\r" || text[i] === "\n") i++;
  }
  return out;
}
