import { expect, test } from "vitest";
import { isOutboundError, OutboundError } from "./errors";

test("outbound errors are told apart by class and kind", () => {
  const error = new OutboundError("getcourse", "not_found", "Объект не найден");
  expect(isOutboundError(error)).toBe(true);
  expect(isOutboundError(error, "not_found")).toBe(true);
  expect(isOutboundError(error, "timeout")).toBe(false);
  // Something shaped like one is not one: only this copy's clients throw them (lib/integrations.ts).
  expect(isOutboundError(Object.assign(new Error("look-alike"), { name: "OutboundError", kind: "not_found" }))).toBe(
    false,
  );
  expect(isOutboundError(new Error("plain"))).toBe(false);
  expect(isOutboundError(null)).toBe(false);
});

test("only the waiting kinds are retried", () => {
  expect(new OutboundError("salebot", "timeout", "slow").retryable).toBe(true);
  expect(new OutboundError("salebot", "auth_failed", "no").retryable).toBe(false);
});
