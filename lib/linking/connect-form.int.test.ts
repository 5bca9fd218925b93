import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { db } from "@/lib/db";
import { startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import { CONNECT_CODE_MAX_TRIES } from "./connect-code";
import {
  createConnectLimiters,
  submitConnectCode,
  submitConnectForm,
  type ConnectLimiters,
  type ConnectOptions,
} from "./connect-form";
import { smtpSender, type ConnectMail, type MailSender } from "./connect-mail";
import { linkCustomer } from "./link-customer";
import { createSignedLink } from "./signed-link";

const secret = "int-test-auth-secret-0123456789";
const ip = "203.0.113.9";

let sim: Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let limiters: ConnectLimiters;
/** Work the form left for after its answer; a test awaits it to see what happened. */
let deferred: Promise<void>[] = [];

beforeAll(async () => {
  sim = await startSimulatedIntegrations();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  limiters = freshLimiters();
  deferred = [];
  sim.gcSim.faults.clear();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Counters of the test's own (the limits live in PostgreSQL, shared by every limiter of a scope). */
const freshLimiters = () => createConnectLimiters(`test_${randomUUID()}`);
const options = (mailer: MailSender | null): ConnectOptions => ({
  limiters,
  secret,
  mailer,
  defer: (task) => void deferred.push(task()),
});
const settled = () => Promise.all(deferred);

function linkFor(sbClientId: string, telegramId: string | null = null, lifetimeSeconds?: number): string {
  return createSignedLink({ sbClientId, telegramId }, { secret, now: new Date(), lifetimeSeconds });
}

function submit(token: string, email: string, from = ip, mailer: MailSender | null = null) {
  return submitConnectForm({ token, email, ip: from }, options(mailer));
}

async function timed<T>(work: Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work;
  return { value, ms: performance.now() - started };
}

describe("without SMTP: one answer for every e-mail, the link made unproven", () => {
  test("unknown, known unlinked and already-linked e-mails get the same answer, as fast, whatever GetCourse does", async () => {
    sim.gcSim.state.addUser({ email: "anna@example.ru", fields: {} });
    sim.gcSim.state.addUser({ email: "boris@example.ru", fields: {} });
    sim.sbSim.state.addClient({ id: 1001, platformId: "5550001" });
    sim.sbSim.state.addClient({ id: 1003, platformId: "5550003" });
    await linkCustomer(
      { email: "boris@example.ru", telegramId: null, sbClientId: "1003" },
      { source: "bot", requestId: "seed-boris" },
    );
    // GetCourse answers slowly: an answer that waited for it would tell which e-mails exist.
    sim.gcSim.faults.add({ kind: "latency", delayMs: 400 });

    const known = await timed(submit(linkFor("1001", "5550001"), "  Anna@Example.RU "));
    const unknown = await timed(submit(linkFor("1002"), "nobody@example.ru"));
    const linkedElsewhere = await timed(submit(linkFor("1004"), "boris@example.ru"));
    for (const answer of [known, unknown, linkedElsewhere]) {
      expect(answer.value).toEqual({ status: "accepted" });
      expect(answer.ms).toBeLessThan(300);
    }

    await settled();
    const link = await db.link.findFirstOrThrow({ where: { sbClientId: "1001" } });
    expect(link).toMatchObject({
      email: "anna@example.ru",
      telegramId: "5550001",
      source: "form",
      proof: null,
      provenAt: null,
    });
    expect(sim.sbSim.state.variablesOf(1001)).toMatchObject({ email: "anna@example.ru" });
    // The other two are logged for the operator, never told to the visitor.
    expect(await db.linkAttempt.findFirst({ where: { sbClientId: "1002" } })).toMatchObject({
      source: "form",
      outcome: "failed",
      errorCode: "user_not_found",
    });
    expect(await db.linkAttempt.findFirst({ where: { sbClientId: "1004" } })).toMatchObject({
      source: "form",
      outcome: "failed",
      errorCode: "conflict",
    });
    expect(await db.link.count({ where: { sbClientId: { in: ["1002", "1004"] } } })).toBe(0);
  });

  test("a bad e-mail is refused before anything is sent or logged", async () => {
    for (const email of ["", "not-an-email", "a@"]) {
      expect(await submit(linkFor("1005"), email)).toEqual({ status: "invalid_email" });
    }
    await settled();
    expect(await db.linkAttempt.count({ where: { sbClientId: "1005" } })).toBe(0);
    expect(await limiters.perLink.check("client:1005")).toEqual({ allowed: true, remaining: 5 });
  });

  test("a tampered, foreign or expired link changes nothing", async () => {
    sim.gcSim.state.addUser({ email: "vera@example.ru", fields: {} });
    const [payload = "", signature = ""] = linkFor("1006").split(".");
    const forged = createSignedLink(
      { sbClientId: "1006", telegramId: null },
      { secret: "someone-elses-secret-0123", now: new Date() },
    );
    const expired = createSignedLink(
      { sbClientId: "1006", telegramId: null },
      { secret, now: new Date(Date.now() - 8 * 86_400_000) },
    );

    expect(await submit(`${linkFor("9999").split(".")[0]}.${signature}`, "vera@example.ru")).toEqual({
      status: "invalid_link",
      reason: "tampered",
    });
    expect(await submit(forged, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "tampered" });
    expect(await submit(expired, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "expired" });
    expect(await submit(`${payload}`, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "malformed" });

    await settled();
    expect(await db.link.count({ where: { email: "vera@example.ru" } })).toBe(0);
    expect(await db.linkAttempt.count({ where: { sbClientId: { in: ["1006", "9999"] } } })).toBe(0);
  });

  test("five tries per link in ten minutes, then a friendly refusal; the window frees up", async () => {
    const token = linkFor("1007");
    for (let i = 0; i < 5; i++) expect((await submit(token, `guess${i}@example.ru`)).status).toBe("accepted");
    const refused = await submit(token, "guess5@example.ru");
    expect(refused).toMatchObject({ status: "rate_limited" });
    expect(refused.status === "rate_limited" && refused.retryAfterSeconds).toBeGreaterThan(590);
    await settled();
    // The refused try never reached the pipeline.
    expect(await db.linkAttempt.count({ where: { sbClientId: "1007" } })).toBe(5);
    // A fresh link for the same client does not reset the count, and another IP does not help.
    expect((await submit(linkFor("1007"), "guess6@example.ru", "198.51.100.1")).status).toBe("rate_limited");
    vi.useFakeTimers({ toFake: ["Date"], shouldAdvanceTime: true });
    vi.setSystemTime(Date.now() + 10 * 60 * 1000);
    expect((await submit(token, "guess7@example.ru")).status).toBe("accepted");
    await settled();
  });

  test("the limits hold across hub instances: two sets of limiters on one database share the counts", async () => {
    const scope = `test_${randomUUID()}`;
    const [first, second] = [createConnectLimiters(scope), createConnectLimiters(scope)];
    const token = linkFor("1008");
    for (let i = 0; i < 5; i++) {
      const answer = await submitConnectForm(
        { token, email: `two${i}@example.ru`, ip },
        { ...options(null), limiters: i % 2 ? first : second },
      );
      expect(answer.status).toBe("accepted");
    }
    expect(
      (await submitConnectForm({ token, email: "two5@example.ru", ip }, { ...options(null), limiters: first })).status,
    ).toBe("rate_limited");
    expect(
      (await submitConnectForm({ token, email: "two6@example.ru", ip }, { ...options(null), limiters: second })).status,
    ).toBe("rate_limited");
    await settled();
  });

  test("ten tries per IP in ten minutes across links", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await submit(linkFor(String(2000 + i)), `ip${i}@example.ru`, "192.0.2.50")).status).toBe("accepted");
    }
    expect((await submit(linkFor("2010"), "ip10@example.ru", "192.0.2.50")).status).toBe("rate_limited");
    expect((await submit(linkFor("2010"), "ip10@example.ru", "192.0.2.51")).status).toBe("accepted");
    await settled();
  });
});

describe("with SMTP: a code proves the mailbox before anything is linked or told", () => {
  let smtp: SMTPServer;
  let inbox: { to: string; body: string }[] = [];
  let mailer: MailSender;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const to = session.envelope.rcptTo.map((address) => address.address).join(",");
          inbox.push({ to, body: Buffer.concat(chunks).toString("utf8") });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
    const { port } = smtp.server.address() as AddressInfo;
    // A real SMTP conversation through nodemailer, as production sends it.
    mailer = smtpSender(`smtp://127.0.0.1:${port}`, "School <no-reply@school.test>");
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(() => {
    inbox = [];
  });

  const codeIn = (to: string) => {
    const mail = inbox.find((item) => item.to === to);
    const code = mail?.body.match(/\b(\d{6})\b/)?.[1];
    if (!code) throw new Error(`no code mailed to ${to}`);
    return code;
  };
  const sendCode = (token: string, code: string) => submitConnectCode({ token, code, ip }, options(mailer));

  test("every e-mail hears 'code sent'; only the right code links, with proof, and then tells the outcome", async () => {
    sim.gcSim.state.addUser({ email: "dina@example.ru", fields: {} });
    sim.sbSim.state.addClient({ id: 3001, platformId: "5553001" });
    const token = linkFor("3001", "5553001");

    expect(await submit(token, "dina@example.ru", ip, mailer)).toEqual({ status: "code_sent" });
    expect(await submit(linkFor("3002"), "stranger@example.ru", ip, mailer)).toEqual({ status: "code_sent" });
    await settled();
    // Nothing is linked by typing an e-mail.
    expect(await db.link.count({ where: { sbClientId: { in: ["3001", "3002"] } } })).toBe(0);
    expect(inbox.map((mail) => mail.to).sort()).toEqual(["dina@example.ru", "stranger@example.ru"]);

    const right = codeIn("dina@example.ru");
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await sendCode(token, wrong)).toEqual({ status: "wrong_code" });
    expect(await sendCode(token, right)).toEqual({ status: "linked" });
    const link = await db.link.findFirstOrThrow({ where: { sbClientId: "3001" } });
    expect(link).toMatchObject({ email: "dina@example.ru", source: "form", proof: "email_code" });
    expect(link.provenAt).toBeInstanceOf(Date);
    // A code works once.
    expect(await sendCode(token, right)).toEqual({ status: "code_expired" });

    // The owner of a mailbox that is no school account may hear so: they proved it is theirs.
    expect(await sendCode(linkFor("3002"), codeIn("stranger@example.ru"))).toEqual({ status: "user_not_found" });
  });

  test("someone else's e-mail cannot be linked without its code, and guessing ends after five tries", async () => {
    sim.gcSim.state.addUser({ email: "victim@example.ru", fields: {} });
    const attacker = linkFor("3101");
    expect(await submit(attacker, "victim@example.ru", ip, mailer)).toEqual({ status: "code_sent" });
    await settled();
    const real = codeIn("victim@example.ru");
    const guesses = ["000000", "111111", "222222", "333333", "444444", "555555"].filter((guess) => guess !== real);
    for (let i = 0; i < CONNECT_CODE_MAX_TRIES; i++) {
      const answer = await submitConnectCode(
        { token: attacker, code: guesses[i] ?? "999999", ip: `198.51.100.${i}` },
        { ...options(mailer), limiters: freshLimiters() },
      );
      expect(answer).toEqual({ status: "wrong_code" });
    }
    // Even the right code is refused once the tries are used up.
    expect(
      await submitConnectCode(
        { token: attacker, code: real, ip: "198.51.100.99" },
        { ...options(mailer), limiters: freshLimiters() },
      ),
    ).toEqual({ status: "code_expired" });
    expect(await db.link.count({ where: { email: "victim@example.ru" } })).toBe(0);
  });

  test("a link the bot made unproven becomes proven by the code", async () => {
    sim.gcSim.state.addUser({ email: "egor@example.ru", fields: {} });
    sim.sbSim.state.addClient({ id: 3201, platformId: "5553201" });
    await linkCustomer(
      { email: "egor@example.ru", telegramId: "5553201", sbClientId: "3201" },
      { source: "bot", requestId: "bot-egor" },
    );
    expect(await db.link.findFirstOrThrow({ where: { sbClientId: "3201" } })).toMatchObject({ proof: null });

    const token = linkFor("3201", "5553201");
    expect(await submit(token, "egor@example.ru", ip, mailer)).toEqual({ status: "code_sent" });
    await settled();
    expect(await sendCode(token, codeIn("egor@example.ru"))).toEqual({ status: "linked" });
    expect(await db.link.findFirstOrThrow({ where: { sbClientId: "3201" } })).toMatchObject({ proof: "email_code" });
  });

  test("the code mail names the code, in the customer's language", async () => {
    const sent: ConnectMail[] = [];
    const capture: MailSender = async (mail) => void sent.push(mail);
    await submitConnectForm({ token: linkFor("3301"), email: "fedor@example.ru", ip, locale: "en" }, options(capture));
    await settled();
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe("fedor@example.ru");
    expect(sent[0]?.text).toMatch(/Your code to connect your school account to the bot: \d{6}/);
  });
});
