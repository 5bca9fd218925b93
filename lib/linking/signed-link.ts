import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * The personal link to `/connect`: `<payload>.<signature>`, both base64url. The payload names the
 * Salebot client the link was made for and when it stops working; the signature is HMAC-SHA256
 * with the hub's secret, so a customer cannot point the form at someone else's client.
 */

export const DEFAULT_LINK_LIFETIME_SECONDS = 7 * 24 * 60 * 60;

/** Keeps these signatures apart from anything else signed with the same secret (sessions). */
const PURPOSE = "connect-link.v1";
/** base64url of the 32-byte HMAC, unpadded. */
const SIGNATURE_LENGTH = 43;
/** Real tokens are ~120 characters; refuse giants before hashing them. */
const MAX_TOKEN_LENGTH = 512;
const SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/;

export type LinkClaims = { sbClientId: string; telegramId: string | null; expiresAt: Date };

export type VerifyResult =
  | { status: "ok"; claims: LinkClaims }
  | { status: "expired"; claims: LinkClaims }
  | { status: "tampered" }
  | { status: "malformed" };

const digits = z.string().regex(/^\d{1,20}$/);
const payloadSchema = z.object({ s: digits, t: digits.nullable(), e: z.number().int().positive() });

function sign(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}.${payload}`).digest();
}

export function createSignedLink(
  subject: { sbClientId: string; telegramId: string | null },
  options: { secret: string; now: Date; lifetimeSeconds?: number },
): string {
  const lifetime = options.lifetimeSeconds ?? DEFAULT_LINK_LIFETIME_SECONDS;
  const expiresAt = Math.floor(options.now.getTime() / 1000) + lifetime;
  const payload = Buffer.from(JSON.stringify({ s: subject.sbClientId, t: subject.telegramId, e: expiresAt })).toString(
    "base64url",
  );
  return `${payload}.${sign(payload, options.secret).toString("base64url")}`;
}

export function verifySignedLink(token: string, options: { secret: string; now: Date }): VerifyResult {
  const match = token.length <= MAX_TOKEN_LENGTH ? SHAPE.exec(token) : null;
  if (!match) return { status: "malformed" };
  const [, payload = "", signature = ""] = match;
  // Comparing the text rather than decoded bytes also refuses other spellings of the same bytes
  // (base64url's last character has spare bits). A cut-off signature is as untrustworthy as an
  // altered one; only equal lengths reach timingSafeEqual, which throws otherwise.
  const expected = sign(payload, options.secret).toString("base64url");
  if (signature.length !== SIGNATURE_LENGTH || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    return { status: "tampered" };
  }

  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return { status: "malformed" };
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) return { status: "malformed" };
  const claims: LinkClaims = {
    sbClientId: parsed.data.s,
    telegramId: parsed.data.t,
    expiresAt: new Date(parsed.data.e * 1000),
  };
  return options.now.getTime() < claims.expiresAt.getTime() ? { status: "ok", claims } : { status: "expired", claims };
}
