import { describe, expect, test } from "vitest";
import { isStartCode } from "@/lib/campaigns/code";
import {
  createStartLinkCode,
  START_LINK_MAX_LENGTH,
  START_LINK_PREFIX,
  startLinkUrl,
  verifyStartLinkCode,
} from "./code";

const SECRET = "unit-test-secret-0123456789abcdef";
const options = { secret: SECRET, projectId: "777" };

describe("personal start codes", () => {
  test("round trip: the user, the project and the campaign come back", () => {
    const code = createStartLinkCode({ gcUserId: "123456789", projectId: "777", campaignId: 42n }, SECRET);
    expect(verifyStartLinkCode(code, options)).toEqual({
      status: "ok",
      claims: { gcUserId: "123456789", projectId: "777", campaignId: "42" },
    });
    const plain = createStartLinkCode({ gcUserId: 5, projectId: 777 }, SECRET);
    expect(verifyStartLinkCode(plain, options)).toEqual({
      status: "ok",
      claims: { gcUserId: "5", projectId: "777", campaignId: null },
    });
  });

  test("fits Telegram's start payload: at most 64 of A-Z a-z 0-9 _ -, even with the largest ids", () => {
    const max = ((1n << 63n) - 1n).toString();
    for (const claims of [
      { gcUserId: "1", projectId: "1" },
      { gcUserId: max, projectId: max, campaignId: max },
    ]) {
      const code = createStartLinkCode(claims, SECRET);
      expect(code.length).toBeLessThanOrEqual(START_LINK_MAX_LENGTH);
      expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      // The campaigns' own validator accepts it, so both kinds travel the same way.
      expect(isStartCode(code)).toBe(true);
      expect(verifyStartLinkCode(code, { secret: SECRET, projectId: max }).status).toBe(
        claims.projectId === max ? "ok" : "foreign",
      );
    }
    expect(() => createStartLinkCode({ gcUserId: (1n << 63n).toString(), projectId: "1" }, SECRET)).toThrow(RangeError);
    expect(() => createStartLinkCode({ gcUserId: "12a", projectId: "1" }, SECRET)).toThrow(RangeError);
  });

  test("unguessable: other users, projects and secrets give unrelated codes", () => {
    const a = createStartLinkCode({ gcUserId: 1, projectId: 777 }, SECRET);
    const b = createStartLinkCode({ gcUserId: 2, projectId: 777 }, SECRET);
    expect(a.slice(-20)).not.toBe(b.slice(-20));
    expect(verifyStartLinkCode(a, { secret: "another-secret-0123456789abcdef", projectId: "777" })).toEqual({
      status: "forged",
    });
  });

  test("every flipped bit is refused as forged (or malformed), never read as another user", () => {
    const code = createStartLinkCode({ gcUserId: "987654", projectId: "777", campaignId: 3 }, SECRET);
    const bytes = Buffer.from(code.slice(START_LINK_PREFIX.length), "base64url");
    for (let bit = 0; bit < bytes.length * 8; bit++) {
      const flipped = Buffer.from(bytes);
      flipped[bit >> 3] = (flipped[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      const result = verifyStartLinkCode(START_LINK_PREFIX + flipped.toString("base64url"), options);
      expect(result.status === "forged" || result.status === "malformed", `bit ${bit}`).toBe(true);
    }
  });

  test("a code of another project is foreign, with its claims", () => {
    const code = createStartLinkCode({ gcUserId: "55", projectId: "888" }, SECRET);
    expect(verifyStartLinkCode(code, options)).toEqual({
      status: "foreign",
      claims: { gcUserId: "55", projectId: "888", campaignId: null },
    });
  });

  test("too long, wrong alphabet, cut off, other spellings and campaign codes are malformed", () => {
    const code = createStartLinkCode({ gcUserId: "55", projectId: "777" }, SECRET);
    expect(verifyStartLinkCode(code + "A".repeat(START_LINK_MAX_LENGTH), options)).toEqual({ status: "malformed" });
    expect(verifyStartLinkCode(`${code.slice(0, 10)}+/${code.slice(12)}`, options)).toEqual({ status: "malformed" });
    expect(verifyStartLinkCode(`${code.slice(0, 10)}.${code.slice(11)}`, options)).toEqual({ status: "malformed" });
    expect(verifyStartLinkCode(`${START_LINK_PREFIX}AAAA`, options)).toEqual({ status: "malformed" });
    expect(verifyStartLinkCode("c_abcdefghjk", options)).toEqual({ status: "malformed" });
    expect(verifyStartLinkCode("", options)).toEqual({ status: "malformed" });
    // The last character carries spare bits: a second spelling of the same bytes is not accepted.
    const last = code.at(-1) ?? "";
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const twin = alphabet[alphabet.indexOf(last) ^ 1] ?? "";
    if (Buffer.from(code.slice(3, -1) + twin, "base64url").equals(Buffer.from(code.slice(3), "base64url"))) {
      expect(verifyStartLinkCode(code.slice(0, -1) + twin, options)).toEqual({ status: "malformed" });
    }
  });

  test("the link is the bot's t.me start link", () => {
    expect(startLinkUrl("school_bot", "gc-abc")).toBe("https://t.me/school_bot?start=gc-abc");
  });
});
