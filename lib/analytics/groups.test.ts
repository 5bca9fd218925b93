import { expect, test } from "vitest";
import { comparedKeys, foldGroups, sumFields } from "./groups";

const rows = [
  { key: "b", clients: 5 },
  { key: null, clients: 9 },
  { key: "a", clients: 5 },
  { key: "c", clients: 1 },
  { key: "d", clients: 2 },
];
const sum = (rest: readonly { key: string | null; clients: number }[]) => ({
  key: null,
  ...sumFields(rest, ["clients"]),
});

test("the compared groups are the biggest by clients, ties by name", () => {
  expect(comparedKeys(rows, 3)).toEqual([null, "a", "b"]);
  expect(comparedKeys(rows)).toEqual([null, "a", "b", "d", "c"]);
});

test("folding keeps the compared groups in their order and merges the rest into one other", () => {
  expect(foldGroups(rows, ["a", null], (key) => ({ key, clients: 0 }), sum)).toEqual([
    { key: "a", clients: 5, other: false },
    { key: null, clients: 9, other: false },
    { key: null, clients: 8, other: true },
  ]);
});

test("a compared group missing from a section is listed empty, and no other when nothing is left", () => {
  expect(foldGroups([{ key: "a", clients: 1 }], ["a", "z"], (key) => ({ key, clients: 0 }), sum)).toEqual([
    { key: "a", clients: 1, other: false },
    { key: "z", clients: 0, other: false },
  ]);
});

test("when the funnel has an other group, a section with nothing left lists it empty, so the charts match", () => {
  expect(foldGroups([{ key: "a", clients: 1 }], ["a"], (key) => ({ key, clients: 0 }), sum, true)).toEqual([
    { key: "a", clients: 1, other: false },
    { key: null, clients: 0, other: true },
  ]);
});
