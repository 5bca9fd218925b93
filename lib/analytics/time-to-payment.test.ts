import { expect, test } from "vitest";
import { medianMinutes } from "./time-to-payment";

test("the histogram's median interpolates like percentile_cont and skips payments made before writing", () => {
  expect(medianMinutes([])).toBeNull();
  expect(medianMinutes([{ minutes: -30, clients: 4 }])).toBeNull();
  expect(
    medianMinutes([
      { minutes: 120, clients: 1 },
      { minutes: 2880, clients: 1 },
    ]),
  ).toBe(1500);
  expect(
    medianMinutes([
      { minutes: -60, clients: 9 },
      { minutes: 10, clients: 2 },
      { minutes: 50, clients: 1 },
    ]),
  ).toBe(10);
  expect(
    medianMinutes([
      { minutes: 10, clients: 2 },
      { minutes: 50, clients: 2 },
    ]),
  ).toBe(30);
});
