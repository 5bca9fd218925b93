import { expect, test, vi } from "vitest";
import { dropProcessSingleton, peekProcessSingleton, processSingleton } from "./process-singleton";

test("a second copy of the module (another module graph) gets the same value", async () => {
  const pool = processSingleton("test-pool", () => ({ opened: 1 }));
  vi.resetModules();
  const other = await import("./process-singleton");
  expect(other.processSingleton("test-pool", () => ({ opened: 2 }))).toBe(pool);
  dropProcessSingleton("test-pool");
  expect(peekProcessSingleton("test-pool")).toBeUndefined();
  expect(other.processSingleton("test-pool", () => ({ opened: 3 }))).toEqual({ opened: 3 });
  dropProcessSingleton("test-pool");
});
