import { expect, test } from "vitest";
import { OutboundError } from "@/lib/outbound/errors";
import { classifyFailure, clientRetrySeconds, outagePauseSeconds } from "./backoff";

const error = (kind: ConstructorParameters<typeof OutboundError>[1], retryAfterSeconds?: number) =>
  new OutboundError("salebot", kind, kind, { retryAfterSeconds });

test("failures sort into not_found, outage and the client's own", () => {
  expect(classifyFailure(error("not_found"))).toBe("not_found");
  for (const kind of ["unavailable", "timeout", "rate_limited", "auth_failed", "plan_has_no_api"] as const)
    expect(classifyFailure(error(kind))).toBe("outage");
  expect(classifyFailure(error("malformed_answer"))).toBe("client");
  expect(classifyFailure(new Error("boom"))).toBe("client");
});

test("delays grow and are capped; Retry-After is honoured", () => {
  expect([1, 2, 3].map(clientRetrySeconds)).toEqual([30, 60, 120]);
  expect(clientRetrySeconds(40)).toBe(6 * 3600);
  expect([1, 2, 3].map((n) => outagePauseSeconds(n))).toEqual([5, 10, 20]);
  expect(outagePauseSeconds(30)).toBe(300);
  expect(outagePauseSeconds(1, error("rate_limited", 60))).toBe(60);
});
