import { describe, expect, test } from "vitest";
import { generateStartCode, isStartCode, normalizeBotUsername, normalizeSalebotLink } from "./code";

describe("start codes", () => {
  test.each(["a", "webinar_2026", "Promo-X", "x".repeat(64)])("accepts %s", (code) =>
    expect(isStartCode(code)).toBe(true),
  );
  test.each(["", "x".repeat(65), "with space", "кириллица", "a+b", "a=b", "a/b"])("refuses %j", (code) =>
    expect(isStartCode(code)).toBe(false),
  );

  test("generated codes are valid, prefixed and differ", () => {
    const codes = new Set(Array.from({ length: 200 }, () => generateStartCode()));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(isStartCode(code)).toBe(true);
      expect(code).toMatch(/^c_[a-z2-9]{10}$/);
    }
  });

  test("generation is uniform over the alphabet (byte % 32)", () => {
    expect(generateStartCode(() => new Uint8Array(10).fill(0))).toBe("c_aaaaaaaaaa");
    expect(generateStartCode(() => new Uint8Array(10).fill(31 + 32))).toBe("c_9999999999");
  });
});

describe("pasted names", () => {
  test.each([
    ["@school_bot", "school_bot"],
    ["https://t.me/school_bot?start=x", "school_bot"],
    [" school_bot ", "school_bot"],
  ])("bot %s → %s", (input, expected) => expect(normalizeBotUsername(input)).toBe(expected));

  test.each([
    ["https://salebot.pro/r/school_1?utm_source=x", "school_1"],
    ["salebot.pro/r/school_1", "school_1"],
    ["school_1", "school_1"],
  ])("salebot link %s → %s", (input, expected) => expect(normalizeSalebotLink(input)).toBe(expected));
});
