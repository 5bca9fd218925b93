import { expect, test } from "vitest";
import { createSignedLink, DEFAULT_LINK_LIFETIME_SECONDS, verifySignedLink } from "./signed-link";

const secret = "unit-test-secret-0123456789";
const now = new Date("2025-03-01T10:00:00Z");
const subject = { sbClientId: "123456", telegramId: "987654321" };

function flipFirstChar(value: string): string {
  return `${value.startsWith("A") ? "B" : "A"}${value.slice(1)}`;
}

test("a fresh link verifies and carries the client it was made for", () => {
  const token = createSignedLink(subject, { secret, now });
  expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  expect(verifySignedLink(token, { secret, now })).toEqual({
    status: "ok",
    claims: { ...subject, expiresAt: new Date(now.getTime() + DEFAULT_LINK_LIFETIME_SECONDS * 1000) },
  });
});

test("the Telegram id may be absent (VK and WhatsApp clients)", () => {
  const token = createSignedLink({ sbClientId: "7", telegramId: null }, { secret, now });
  const result = verifySignedLink(token, { secret, now });
  expect(result.status).toBe("ok");
  expect(result.status === "ok" && result.claims.telegramId).toBeNull();
});

test("it expires after the default seven days, or a lifetime given in code", () => {
  const token = createSignedLink(subject, { secret, now });
  const justBefore = new Date(now.getTime() + DEFAULT_LINK_LIFETIME_SECONDS * 1000 - 1);
  const atExpiry = new Date(now.getTime() + DEFAULT_LINK_LIFETIME_SECONDS * 1000);
  expect(verifySignedLink(token, { secret, now: justBefore }).status).toBe("ok");
  expect(verifySignedLink(token, { secret, now: atExpiry }).status).toBe("expired");

  const short = createSignedLink(subject, { secret, now, lifetimeSeconds: 60 });
  expect(verifySignedLink(short, { secret, now: new Date(now.getTime() + 61_000) })).toMatchObject({
    status: "expired",
    claims: { sbClientId: "123456" },
  });
});

test("an altered payload, signature or secret is tampered", () => {
  const token = createSignedLink(subject, { secret, now });
  const [payload = "", signature = ""] = token.split(".");
  const otherClient = createSignedLink(
    { ...subject, sbClientId: "999999" },
    { secret: "attacker-secret-0123456789", now },
  );
  const forgedPayload = otherClient.split(".")[0];

  expect(verifySignedLink(`${forgedPayload}.${signature}`, { secret, now }).status).toBe("tampered");
  expect(verifySignedLink(`${payload}.${flipFirstChar(signature)}`, { secret, now }).status).toBe("tampered");
  expect(verifySignedLink(`${payload}.${signature.slice(0, 20)}`, { secret, now }).status).toBe("tampered");
  expect(verifySignedLink(`${flipFirstChar(payload)}.${signature}`, { secret, now }).status).toBe("tampered");
  expect(verifySignedLink(token, { secret: "another-secret-0123456789", now }).status).toBe("tampered");
  expect(verifySignedLink(otherClient, { secret, now }).status).toBe("tampered");
});

test("an expired link that was also altered is tampered, not expired", () => {
  const token = createSignedLink(subject, { secret, now, lifetimeSeconds: 1 });
  const [payload = "", signature = ""] = token.split(".");
  expect(
    verifySignedLink(`${payload}.${flipFirstChar(signature)}`, { secret, now: new Date(now.getTime() + 5_000) }).status,
  ).toBe("tampered");
});

test.each([
  ["empty", ""],
  ["no dot", "abcdef"],
  ["three parts", "a.b.c"],
  ["not base64url", "ab+c/.def="],
  ["spaces", "abc def.ghi"],
  ["far too long", `${"a".repeat(600)}.${"b".repeat(43)}`],
])("a %s token is malformed", (_label, token) => {
  expect(verifySignedLink(token, { secret, now }).status).toBe("malformed");
});

test("a correctly signed payload of the wrong shape is malformed", async () => {
  const { createHmac } = await import("node:crypto");
  const payload = Buffer.from(JSON.stringify({ s: "not-digits", t: null, e: 1 })).toString("base64url");
  const signature = createHmac("sha256", secret).update(`connect-link.v1.${payload}`).digest("base64url");
  expect(verifySignedLink(`${payload}.${signature}`, { secret, now }).status).toBe("malformed");
});

test("another spelling of the same signature bytes is refused", () => {
  const token = createSignedLink(subject, { secret, now });
  const [payload = "", signature = ""] = token.split(".");
  // The last base64url character of 32 bytes has two unused bits; flipping one keeps the bytes.
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  const last = alphabet.indexOf(signature.at(-1) ?? "A");
  const respelled = `${signature.slice(0, -1)}${alphabet[last ^ 1]}`;
  expect(Buffer.from(respelled, "base64url")).toEqual(Buffer.from(signature, "base64url"));
  expect(verifySignedLink(`${payload}.${respelled}`, { secret, now }).status).toBe("tampered");
});
