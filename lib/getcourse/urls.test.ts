import { describe, expect, it } from "vitest";
import { isTruthyFlag } from "./flags";
import { gcDealCardUrl, gcUserCardUrl, normalizeAccountUrl } from "./urls";

describe("deep links and flags", () => {
  it("builds admin card URLs on any base URL", () => {
    expect(gcUserCardUrl("https://school.getcourse.ru/", 512478330)).toBe(
      "https://school.getcourse.ru/user/control/user/update/id/512478330",
    );
    expect(gcDealCardUrl("http://127.0.0.1:4010", "871035642")).toBe(
      "http://127.0.0.1:4010/sales/control/deal/update/id/871035642",
    );
    expect(normalizeAccountUrl("https://school.example.com/base//")).toBe("https://school.example.com/base");
    expect(() => normalizeAccountUrl("ftp://x")).toThrow();
  });

  it.each([
    [true, true],
    [1, true],
    ["1", true],
    ["true", true],
    [" TRUE ", true],
    [false, false],
    [0, false],
    ["0", false],
    ["false", false],
    ["", false],
    [null, false],
    [undefined, false],
  ] as const)("reads flag %j as %s", (value, expected) => {
    expect(isTruthyFlag(value)).toBe(expected);
  });
});
