import { expect, test } from "vitest";
import { OutboundError } from "./errors";
import { backoffDelayMs, callWithRetry } from "./retry";

const fast = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5 };

test("backoff grows exponentially up to the cap, with jitter below the ceiling", () => {
  const policy = { attempts: 10, baseDelayMs: 100, maxDelayMs: 1_000 };
  expect(backoffDelayMs(0, policy, () => 0.999)).toBe(100);
  expect(backoffDelayMs(3, policy, () => 0.999)).toBe(799);
  expect(backoffDelayMs(8, policy, () => 0.999)).toBe(999);
  expect(backoffDelayMs(3, policy, () => 0)).toBe(0);
});

test("retryable failures are tried again until success", async () => {
  let calls = 0;
  const result = await callWithRetry(async () => {
    calls += 1;
    if (calls < 3) throw new OutboundError("gc", "unavailable", "HTTP 502");
    return "ok";
  }, fast);
  expect(result).toBe("ok");
  expect(calls).toBe(3);
});

test("an auth failure is not retried", async () => {
  let calls = 0;
  await expect(
    callWithRetry(async () => {
      calls += 1;
      throw new OutboundError("gc", "auth_failed", "bad key");
    }, fast),
  ).rejects.toMatchObject({ kind: "auth_failed" });
  expect(calls).toBe(1);
});

test("the last failure surfaces after the tries run out", async () => {
  let calls = 0;
  await expect(
    callWithRetry(async () => {
      calls += 1;
      throw new OutboundError("sb", "timeout", "slow");
    }, fast),
  ).rejects.toMatchObject({ kind: "timeout" });
  expect(calls).toBe(4);
});
