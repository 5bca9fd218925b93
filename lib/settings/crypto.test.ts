import { describe, expect, test } from "vitest";
import { decryptSecret, encryptSecret, SecretUnreadableError } from "./crypto";
import { maskSecret, maskSecretsIn } from "./mask";

const KEY = "an-auth-secret-of-enough-length";

describe("settings crypto", () => {
  test("round trip, with a fresh IV each time", () => {
    const a = encryptSecret("gc-api-key-123456", KEY);
    const b = encryptSecret("gc-api-key-123456", KEY);
    expect(a).not.toBe(b);
    expect(a).not.toContain("gc-api-key");
    expect(decryptSecret(a, KEY)).toBe("gc-api-key-123456");
    expect(decryptSecret(encryptSecret("", KEY), KEY)).toBe("");
  });

  test("a changed ciphertext fails", () => {
    const [version, iv, tag, body] = encryptSecret("secret-value-0001", KEY).split(".") as [
      string,
      string,
      string,
      string,
    ];
    const flipped = Buffer.from(body, "base64url");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => decryptSecret([version, iv, tag, flipped.toString("base64url")].join("."), KEY)).toThrow(
      SecretUnreadableError,
    );
    expect(() => decryptSecret("not-a-sealed-value", KEY)).toThrow(SecretUnreadableError);
  });

  test("another AUTH_SECRET cannot open it", () => {
    const sealed = encryptSecret("secret-value-0001", KEY);
    expect(() => decryptSecret(sealed, "a-different-auth-secret-value")).toThrow(/AUTH_SECRET may have changed/);
  });
});

describe("masking", () => {
  test("shows only the last four characters of long secrets", () => {
    expect(maskSecret("abcdefghijkl1234")).toBe("••••1234");
    expect(maskSecret("short1234")).toBe("••••");
    expect(maskSecret("")).toBe("");
    expect(maskSecret(undefined)).toBe("");
  });

  test("masks secret-named keys anywhere in a value", () => {
    expect(
      maskSecretsIn({
        accountUrl: "https://x.getcourse.ru",
        apiKey: "abcdefghijkl9999",
        nested: [{ techToken: "dev_school_key_7777" }],
      }),
    ).toEqual({
      accountUrl: "https://x.getcourse.ru",
      apiKey: "••••9999",
      nested: [{ techToken: "••••7777" }],
    });
  });
});
