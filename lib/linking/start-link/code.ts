import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * A personal start code: the payload of `t.me/<bot>?start=<code>` that links the chat which sends
 * it to one GetCourse user. Telegram allows at most 64 characters of `A-Za-z0-9_-` there, so the
 * code is binary, not JSON: `gc-` + base64url of
 *
 *   version (1) · flags (1) · GC user id (varint) · Salebot project id (varint)
 *   · campaign id (varint, when flag 1 is set) · HMAC-SHA256 of all that, first 16 bytes
 *
 * The HMAC (the hub's secret, its own purpose string) makes the code unforgeable and unguessable:
 * 2^128 tries per user. The project is inside the signed part, so a code made for another project
 * of the same hub is told apart ("foreign") from one nobody signed ("forged"). Every id fits in 63
 * bits: the longest possible code is 63 characters.
 *
 * Campaign start codes (lib/campaigns/code.ts) are the other kind of start payload: generated ones
 * begin with `c_`, and a hand-made one may not begin with `gc-` (lib/campaigns/input.ts).
 */
export const START_LINK_PREFIX = "gc-";
export const START_LINK_MAX_LENGTH = 64;
/** The GetCourse user field that receives each user's link, unless GC_FIELD_START_LINK names another. */
export const DEFAULT_START_LINK_FIELD = "tg_start_link";

const VERSION = 1;
const FLAG_CAMPAIGN = 1;
const MAC_BYTES = 16;
const PURPOSE = "start-link.v1";
const ALPHABET = /^[A-Za-z0-9_-]+$/;
const MAX_ID = (1n << 63n) - 1n;

export type StartLinkClaims = {
  gcUserId: string;
  projectId: string;
  /** The hub campaign the link was handed out for, when one was named. */
  campaignId: string | null;
};

export type StartLinkCheck =
  | { status: "ok"; claims: StartLinkClaims }
  /** Signed by this hub for another Salebot project. */
  | { status: "foreign"; claims: StartLinkClaims }
  /** Shaped like a start code, but the signature does not match: altered or made up. */
  | { status: "forged" }
  /** Starts like a start code but cannot be one: too long, wrong characters, cut off. */
  | { status: "malformed" };

/** Whether a start payload is meant as a personal start code (checked or not): the prefix alone. */
export function looksLikeStartLinkCode(value: string): boolean {
  return value.startsWith(START_LINK_PREFIX);
}

function id(value: string | number | bigint, what: string): bigint {
  const text = String(value).trim();
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > MAX_ID)
    throw new RangeError(`${what} must be a whole number below 2^63, got "${text}"`);
  return BigInt(text);
}

function writeVarint(out: number[], value: bigint): void {
  let rest = value;
  while (rest >= 0x80n) {
    out.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  out.push(Number(rest));
}

/** Reads one varint at `at`; null when cut off, longer than 9 bytes, or not in its shortest form. */
function readVarint(bytes: Buffer, at: number): { value: bigint; next: number } | null {
  let value = 0n;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) return null;
    value |= BigInt(byte & 0x7f) << BigInt(7 * i);
    if ((byte & 0x80) === 0) {
      // A trailing zero group would be a second spelling of the same number.
      if (i > 0 && byte === 0) return null;
      return { value, next: at + i + 1 };
    }
  }
  return null;
}

function mac(body: Buffer, secret: string): Buffer {
  return createHmac("sha256", secret).update(PURPOSE).update(body).digest().subarray(0, MAC_BYTES);
}

export function createStartLinkCode(
  claims: { gcUserId: string | number; projectId: string | number; campaignId?: string | number | bigint | null },
  secret: string,
): string {
  const body: number[] = [VERSION, claims.campaignId == null ? 0 : FLAG_CAMPAIGN];
  writeVarint(body, id(claims.gcUserId, "the GetCourse user id"));
  writeVarint(body, id(claims.projectId, "the Salebot project id"));
  if (claims.campaignId != null) writeVarint(body, id(claims.campaignId, "the campaign id"));
  const bytes = Buffer.from(body);
  const code = START_LINK_PREFIX + Buffer.concat([bytes, mac(bytes, secret)]).toString("base64url");
  // Unreachable with ids below 2^63 (63 characters at most); kept so a format change cannot break Telegram's limit silently.
  if (code.length > START_LINK_MAX_LENGTH)
    throw new RangeError(`start code is ${code.length} characters, Telegram allows ${START_LINK_MAX_LENGTH}`);
  return code;
}

/** Checks a start code for `projectId`. Never throws: every input gets a status. */
export function verifyStartLinkCode(code: string, options: { secret: string; projectId: string }): StartLinkCheck {
  if (!looksLikeStartLinkCode(code) || code.length > START_LINK_MAX_LENGTH) return { status: "malformed" };
  const text = code.slice(START_LINK_PREFIX.length);
  if (!ALPHABET.test(text)) return { status: "malformed" };
  const bytes = Buffer.from(text, "base64url");
  // base64url's last character has spare bits: only the one spelling the hub writes is accepted.
  if (bytes.toString("base64url") !== text || bytes.length < 2 + 2 + MAC_BYTES) return { status: "malformed" };
  const body = bytes.subarray(0, bytes.length - MAC_BYTES);
  const signature = bytes.subarray(bytes.length - MAC_BYTES);
  if (!timingSafeEqual(signature, mac(body, options.secret))) return { status: "forged" };

  // Signed by the hub: from here on a bad shape is a bug of an older version, not an attack.
  if (body[0] !== VERSION) return { status: "malformed" };
  const flags = body[1] ?? 0;
  const user = readVarint(body, 2);
  const project = user && readVarint(body, user.next);
  if (!user || !project) return { status: "malformed" };
  let end = project.next;
  let campaignId: string | null = null;
  if (flags & FLAG_CAMPAIGN) {
    const campaign = readVarint(body, end);
    if (!campaign) return { status: "malformed" };
    campaignId = String(campaign.value);
    end = campaign.next;
  }
  if (end !== body.length) return { status: "malformed" };
  const claims: StartLinkClaims = { gcUserId: String(user.value), projectId: String(project.value), campaignId };
  return claims.projectId === options.projectId.trim() ? { status: "ok", claims } : { status: "foreign", claims };
}

/** `https://t.me/<bot>?start=<code>`. */
export function startLinkUrl(bot: string, code: string): string {
  return `https://t.me/${bot}?start=${code}`;
}
