import { expect, test, vi } from "vitest";
import { isOutboundError, OutboundError } from "./errors";

test("errors from another copy of the module are still recognised (Next bundles layers apart)", async () => {
  vi.resetModules();
  const other = await import("./errors");
  expect(other.OutboundError).not.toBe(OutboundError);
  const foreign = new other.OutboundError("getcourse", "not_found", "Объект не найден");
  expect(foreign instanceof OutboundError).toBe(false);
  expect(isOutboundError(foreign)).toBe(true);
  expect(isOutboundError(foreign, "not_found")).toBe(true);
  expect(isOutboundError(foreign, "timeout")).toBe(false);
  expect(isOutboundError(new Error("plain"))).toBe(false);
  expect(isOutboundError(null)).toBe(false);
});
