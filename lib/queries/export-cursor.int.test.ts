import { afterAll, expect, test } from "vitest";
import { analyticsPool, closeAnalyticsPool } from "@/lib/analytics/pool";
import { csvStream } from "@/lib/csv/write";
import { cursorBatches } from "./export-cursor";

afterAll(closeAnalyticsPool);

const SERIES = "SELECT n FROM generate_series(1, $1::int) AS n ORDER BY n";
const busy = () => analyticsPool().totalCount - analyticsPool().idleCount;

test("reads every row in batches and gives the connection back at the end", async () => {
  const batches: number[][] = [];
  for await (const batch of cursorBatches<{ n: number }>(SERIES, [5], 2)) batches.push(batch.map((r) => r.n));
  expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  expect(busy()).toBe(0);
});

test("an export nobody reads takes no connection; one cancelled midway gives its connection back", async () => {
  await closeAnalyticsPool();
  csvStream(cursorBatches<{ n: number }>(SERIES, [10], 2), { header: ["n"], row: (r) => [r.n] });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(analyticsPool().totalCount).toBe(0);

  const reader = csvStream(cursorBatches<{ n: number }>(SERIES, [10], 2), {
    header: ["n"],
    row: (r) => [r.n],
  }).getReader();
  const first = await reader.read();
  expect(new TextDecoder().decode(first.value)).toBe("n\r\n1\r\n2\r\n");
  expect(busy()).toBe(1);
  await reader.cancel();
  expect(busy()).toBe(0);
});

test("a failing query rolls back and gives the connection back", async () => {
  const read = async () => {
    for await (const _ of cursorBatches("SELECT 1 / 0", [])) void _;
  };
  await expect(read()).rejects.toThrow(/division by zero/);
  expect(busy()).toBe(0);
});
