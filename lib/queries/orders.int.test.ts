import { afterAll, beforeAll, expect, test } from "vitest";
import { closeAnalyticsPool } from "@/lib/analytics/pool";
import { getOrdersPage, streamOrdersCsv } from "./orders";
import { insertMarch, insertMessages, insertOrder, MARCH } from "@/lib/analytics/test-fixtures";

beforeAll(async () => {
  await insertMarch();
  // c1: three messages before o1 was paid (12:00), one after
  await insertMessages("p1", "c1", [
    "2026-03-05T10:00:00Z",
    "2026-03-05T10:10:00Z",
    "2026-03-05T11:59:00Z",
    "2026-03-05T12:30:00Z",
  ]);
  // an order nobody linked is known for, with text a spreadsheet would run
  await insertOrder({
    deal: "o9",
    gcUserId: "u9",
    email: "=cmd@x.io",
    status: "new",
    paid: false,
    cost: "10",
    orderedAt: "2026-03-30T21:30:00Z",
    offer: '=HYPERLINK("http://evil","x")',
  });
});
afterAll(closeAnalyticsPool);

test("a page of March orders (Moscow dates), newest first, with the dialog facts of the attributed client", async () => {
  const page = await getOrdersPage({ ...MARCH, pageSize: 3 });
  // o1 o2 o3 o5 o6 in March; o9 is 00:30 Moscow on 31 March; o4 is April
  expect(page).toMatchObject({ count: 6, page: 1, pageSize: 3 });
  expect(page.data.map((o) => o.dealId)).toEqual(["o9", "o6", "o3"]);
  expect(page.data[0]).toMatchObject({ sbClientId: null, messagesBeforePurchase: null, bot: null });
  expect(page.data[1]).toMatchObject({
    sbProjectId: "p1",
    sbClientId: "c1",
    bot: "alpha",
    source: "insta",
    paidAmount: 300,
    orderedAt: "2026-03-22T11:30:00.000Z",
    firstMessageAt: "2026-03-05T10:00:00.000Z",
    linkedAt: "2026-03-05T11:00:00.000Z",
  });

  const second = await getOrdersPage({ ...MARCH, pageSize: 3, page: 2 });
  expect(second.data.map((o) => o.dealId)).toEqual(["o2", "o5", "o1"]);
  expect(second.data[2]).toMatchObject({ messagesBeforePurchase: 3 });
});

test("sorting and filtering on the server", async () => {
  const byAmount = await getOrdersPage({ ...MARCH, sort: "paidAmount", dir: "desc", paid: "paid" });
  expect(byAmount.data.map((o) => [o.dealId, o.paidAmount])).toEqual([
    ["o1", 1000],
    ["o2", 500],
    ["o6", 300],
  ]);
  expect(byAmount.count).toBe(3);

  const alpha = await getOrdersPage({ ...MARCH, bot: "alpha", sort: "firstMessageAt", dir: "desc" });
  expect(alpha.data[0]?.dealId).toBe("o5"); // c6 wrote after c1
  expect(alpha.count).toBe(5);
  expect((await getOrdersPage({ ...MARCH, linked: "unlinked" })).data.map((o) => o.dealId)).toEqual(["o9"]);
  expect((await getOrdersPage({ ...MARCH, q: "o2" })).data.map((o) => o.dealId)).toEqual(["o2"]);
  expect(
    (await getOrdersPage({ from: "2026-04-01", to: "2026-04-30", currency: "usd" })).data.map((o) => o.dealId),
  ).toEqual(["o4"]);
  await expect(getOrdersPage({ sort: "nope" as never })).rejects.toThrow();
});

async function csvOf(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

test("the CSV export: every filtered order, a header row, cells a spreadsheet would run made inert", async () => {
  const text = await csvOf(streamOrdersCsv({ ...MARCH }));
  const lines = text.trimEnd().split("\r\n");
  expect(
    lines[0]?.startsWith(
      "deal_id,deal_number,email,gc_user_id,status,paid,cost_amount,paid_amount,currency,offer,ordered_at",
    ),
  ).toBe(true);
  expect(lines).toHaveLength(7);
  const o9 = lines[1] ?? "";
  expect(o9).toContain(",'=cmd@x.io,");
  expect(o9).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  expect(o9).toContain(",2026-03-31 00:30:00,"); // times in the school's time zone
});

test("the CSV export with semicolons", async () => {
  const text = await csvOf(
    streamOrdersCsv({ ...MARCH, paid: "paid", sort: "paidAmount", dir: "asc" }, { separator: ";" }),
  );
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]?.split(";").slice(0, 3)).toEqual(["deal_id", "deal_number", "email"]);
  expect(lines.slice(1).map((l) => l.split(";")[0])).toEqual(["o6", "o2", "o1"]);
  expect(lines[3]).toContain(";3"); // messages before paying o1
});
