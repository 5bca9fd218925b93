import { expect, test, vi } from "vitest";

// Wraps the real timingSafeEqual so the test can see every comparison secretsEqual makes.
const calls = vi.hoisted(() => [] as Array<[number, number]>);
vi.mock("node:crypto", async (original) => {
  const crypto = await original<typeof import("node:crypto")>();
  const timingSafeEqual = (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
    calls.push([a.byteLength, b.byteLength]);
    return crypto.timingSafeEqual(a, b);
  };
  return { ...crypto, default: { ...crypto, timingSafeEqual }, timingSafeEqual };
});

const { secretsEqual } = await import("./tokens");

test.each([
  ["same", "s3cret-token-0123456789", "s3cret-token-0123456789", true],
  ["one character off", "s3cret-token-0123456789", "s3cret-token-0123456788", false],
  ["a prefix", "s3cret-token", "s3cret-token-0123456789", false],
  ["longer", "s3cret-token-0123456789-and-more", "s3cret-token-0123456789", false],
  ["empty given", "", "s3cret-token-0123456789", false],
  ["both empty", "", "", true],
  ["case differs", "S3CRET-TOKEN-0123456789", "s3cret-token-0123456789", false],
  ["unicode", "токен-🔑", "токен-🔑", true],
  ["huge given", "x".repeat(1_000_000), "s3cret-token-0123456789", false],
])("%s → %s", (_label, given, expected, equal) => {
  calls.length = 0;
  expect(secretsEqual(given, expected)).toBe(equal);
  // Constant time whatever the lengths: one timingSafeEqual over two 32-byte digests, so neither
  // an early length check nor the position of the first difference can be timed.
  expect(calls).toEqual([[32, 32]]);
});
