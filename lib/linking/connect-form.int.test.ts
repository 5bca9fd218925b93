import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { db } from "@/lib/db";
import { startSimulatedIntegrations } from "@/lib/testing/simulated-integrations";
import { createConnectLimiters, submitConnectForm, type ConnectLimiters } from "./connect-form";
import { createSignedLink } from "./signed-link";

const secret = "int-test-auth-secret-0123456789";
const ip = "203.0.113.9";

let sim: Awaited<ReturnType<typeof startSimulatedIntegrations>>;
let limiters: ConnectLimiters;
let clock = Date.now();

beforeAll(async () => {
  sim = await startSimulatedIntegrations();
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  limiters = createConnectLimiters(() => clock);
});

function linkFor(sbClientId: string, telegramId: string | null = null, lifetimeSeconds?: number): string {
  return createSignedLink({ sbClientId, telegramId }, { secret, now: new Date(), lifetimeSeconds });
}

function submit(token: string, email: string, from = ip) {
  return submitConnectForm({ token, email, ip: from }, { limiters, secret });
}

test("a known e-mail links the client and logs a form attempt", async () => {
  sim.gcSim.state.addUser({ email: "anna@example.ru", fields: {} });
  sim.sbSim.state.addClient({ id: 1001, platformId: "5550001" });
  expect(await submit(linkFor("1001", "5550001"), "  Anna@Example.RU ")).toEqual({ status: "linked" });

  const link = await db.link.findFirstOrThrow({ where: { sbClientId: "1001" } });
  expect(link).toMatchObject({ email: "anna@example.ru", telegramId: "5550001", source: "form" });
  const attempts = await db.linkAttempt.findMany({ where: { sbClientId: "1001" } });
  expect(attempts).toHaveLength(1);
  expect(attempts[0]).toMatchObject({ source: "form", outcome: "success", email: "anna@example.ru" });
  expect(sim.sbSim.state.variablesOf(1001)).toMatchObject({ email: "anna@example.ru" });
});

test("an unknown e-mail is user_not_found and links nothing", async () => {
  expect(await submit(linkFor("1002"), "nobody@example.ru")).toEqual({ status: "user_not_found" });
  expect(await db.link.count({ where: { sbClientId: "1002" } })).toBe(0);
  expect(await db.linkAttempt.findFirst({ where: { sbClientId: "1002" } })).toMatchObject({
    source: "form",
    outcome: "failed",
    errorCode: "user_not_found",
  });
});

test("an e-mail linked to another client is a conflict", async () => {
  sim.gcSim.state.addUser({ email: "boris@example.ru", fields: {} });
  sim.sbSim.state.addClient({ id: 1003, platformId: "5550003" });
  expect(await submit(linkFor("1003"), "boris@example.ru")).toEqual({ status: "linked" });
  expect(await submit(linkFor("1004"), "boris@example.ru")).toEqual({ status: "conflict" });
});

test("a bad e-mail is refused before anything is sent or logged", async () => {
  for (const email of ["", "not-an-email", "a@"]) {
    expect(await submit(linkFor("1005"), email)).toEqual({ status: "invalid_email" });
  }
  expect(await db.linkAttempt.count({ where: { sbClientId: "1005" } })).toBe(0);
  expect(limiters.perLink.check("client:1005")).toEqual({ allowed: true, remaining: 5 });
});

test("a tampered, foreign or expired link changes nothing", async () => {
  sim.gcSim.state.addUser({ email: "vera@example.ru", fields: {} });
  const [payload = "", signature = ""] = linkFor("1006").split(".");
  const forged = createSignedLink({ sbClientId: "1006", telegramId: null }, { secret: "someone-elses-secret-0123", now: new Date() });
  const expired = createSignedLink({ sbClientId: "1006", telegramId: null }, { secret, now: new Date(Date.now() - 8 * 86_400_000) });

  expect(await submit(`${linkFor("9999").split(".")[0]}.${signature}`, "vera@example.ru")).toEqual({
    status: "invalid_link",
    reason: "tampered",
  });
  expect(await submit(forged, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "tampered" });
  expect(await submit(expired, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "expired" });
  expect(await submit(`${payload}`, "vera@example.ru")).toEqual({ status: "invalid_link", reason: "malformed" });

  expect(await db.link.count({ where: { email: "vera@example.ru" } })).toBe(0);
  expect(await db.linkAttempt.count({ where: { email: "vera@example.ru" } })).toBe(0);
  expect(await db.linkAttempt.count({ where: { sbClientId: { in: ["1006", "9999"] } } })).toBe(0);
});

test("five tries per link in ten minutes, then a friendly refusal; the window frees up", async () => {
  const token = linkFor("1007");
  for (let i = 0; i < 5; i++) expect((await submit(token, `guess${i}@example.ru`)).status).toBe("user_not_found");
  const refused = await submit(token, "guess5@example.ru");
  expect(refused).toMatchObject({ status: "rate_limited" });
  expect(refused.status === "rate_limited" && refused.retryAfterSeconds).toBeGreaterThan(590);
  // The refused try never reached the pipeline.
  expect(await db.linkAttempt.count({ where: { sbClientId: "1007" } })).toBe(5);

  // A fresh link for the same client does not reset the count, and another IP does not help.
  expect((await submit(linkFor("1007"), "guess6@example.ru", "198.51.100.1")).status).toBe("rate_limited");

  clock += 10 * 60 * 1000;
  expect((await submit(token, "guess7@example.ru")).status).toBe("user_not_found");
});

test("ten tries per IP in ten minutes across links", async () => {
  for (let i = 0; i < 10; i++) {
    expect((await submit(linkFor(String(2000 + i)), `ip${i}@example.ru`, "192.0.2.50")).status).toBe("user_not_found");
  }
  expect((await submit(linkFor("2010"), "ip10@example.ru", "192.0.2.50")).status).toBe("rate_limited");
  expect(await db.linkAttempt.count({ where: { sbClientId: "2010" } })).toBe(0);
  expect((await submit(linkFor("2010"), "ip10@example.ru", "192.0.2.51")).status).toBe("user_not_found");
});

test("GetCourse down: the customer hears it will be finished automatically", async () => {
  sim.gcSim.state.addUser({ email: "gleb@example.ru", fields: {} });
  await sim.gcSim.close();
  expect(await submit(linkFor("1008"), "gleb@example.ru")).toEqual({ status: "pending" });
  expect(await db.linkAttempt.findFirst({ where: { sbClientId: "1008" } })).toMatchObject({ source: "form", outcome: "queued" });
});
