import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import { countLinks, type LinkListQuery, linkListQuerySchema, listLinks, searchKind } from "./links";

const P = "900";
const DAY = 24 * 3600 * 1000;

function query(input: Record<string, string> = {}): LinkListQuery {
  return linkListQuerySchema.parse(input);
}

async function ids(input: Record<string, string>): Promise<string[]> {
  return (await listLinks(query(input))).rows.map((row) => row.sbClientId);
}

beforeAll(async () => {
  const now = Date.now();
  // 30 links: client i is linked i days ago; every third has a name starting "Ivan", the rest "Maria".
  await db.link.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      projectId: P,
      sbClientId: String(1000 + i),
      telegramId: i % 5 === 0 ? null : String(7000 + i),
      email: `user${String(i).padStart(2, "0")}@example.com`,
      gcUserId: String(5000 + i),
      source: i % 3 === 0 ? ("form" as const) : ("bot" as const),
      linkedAt: new Date(now - i * DAY - 1000),
    })),
  });
  await db.salebotClient.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      projectId: P,
      clientId: String(1000 + i),
      name: i % 3 === 0 ? `Ivan ${i}` : `maria_${i}`,
    })),
  });
  // Client 1001: Salebot variables still pending; 1002: a resolved one (linked again).
  await db.linkAttempt.createMany({
    data: [
      {
        requestId: "r1",
        projectId: P,
        sbClientId: "1001",
        source: "bot",
        outcome: "queued",
        errorCode: "salebot_unavailable",
        durationMs: 5,
        input: {},
      },
      {
        requestId: "r2",
        projectId: P,
        sbClientId: "1002",
        source: "bot",
        outcome: "queued",
        errorCode: "salebot_unavailable",
        durationMs: 5,
        input: {},
        resolvedAt: new Date(),
      },
    ],
  });
});

describe("listLinks", () => {
  test("default: newest first, 25 a page, exact count, name and customer id joined", async () => {
    const page = await listLinks(query());
    expect(page).toMatchObject({ total: 30, totalCapped: false, page: 1, pageSize: 25 });
    expect(page.rows).toHaveLength(25);
    expect(page.rows[0]).toMatchObject({
      sbClientId: "1000",
      name: "Ivan 0",
      customerId: `${P}-1000`,
      source: "form",
      salebotPending: false,
    });
    expect(page.rows.map((r) => r.linkedAt.getTime())).toEqual(
      [...page.rows.map((r) => r.linkedAt.getTime())].sort((a, b) => b - a),
    );
  });

  test("paging: page 2 holds the rest; a page past the end shows the last one", async () => {
    expect(await ids({ page: "2" })).toEqual(["1025", "1026", "1027", "1028", "1029"]);
    const beyond = await listLinks(query({ page: "99", pageSize: "10" }));
    expect(beyond.page).toBe(3);
    expect(beyond.rows.map((r) => r.sbClientId)).toEqual([
      "1020",
      "1021",
      "1022",
      "1023",
      "1024",
      "1025",
      "1026",
      "1027",
      "1028",
      "1029",
    ]);
  });

  test("search kinds: telegram, Salebot and GC ids exactly; words anywhere (any case); short prefixes", async () => {
    expect(searchKind("7003")).toBe("id");
    expect(searchKind("user1@")).toBe("words");
    expect(searchKind("ivan")).toBe("words");
    expect(searchKind("iv")).toBe("prefix");
    expect(await ids({ q: "7003" })).toEqual(["1003"]);
    expect(await ids({ q: "1004" })).toEqual(["1004"]);
    expect(await ids({ q: "5006" })).toEqual(["1006"]);
    expect(await ids({ q: "700" })).toEqual([]);
    expect(await ids({ q: "USER2", sort: "email", dir: "asc" })).toEqual([
      "1020",
      "1021",
      "1022",
      "1023",
      "1024",
      "1025",
      "1026",
      "1027",
      "1028",
      "1029",
    ]);
    expect(await ids({ q: "user05@example.com" })).toEqual(["1005"]);
    expect(await ids({ q: "ivan", sort: "email", dir: "asc" })).toEqual([
      "1000",
      "1003",
      "1006",
      "1009",
      "1012",
      "1015",
      "1018",
      "1021",
      "1024",
      "1027",
    ]);
    expect(await ids({ q: "Maria_1", sort: "email", dir: "asc" })).toEqual([
      "1001",
      "1010",
      "1011",
      "1013",
      "1014",
      "1016",
      "1017",
      "1019",
    ]);
    // LIKE wildcards typed into the box are literal.
    expect(await ids({ q: "%" })).toEqual([]);
    expect(await ids({ q: "maria%" })).toEqual([]);
  });

  test("filters: source, period, status", async () => {
    expect((await listLinks(query({ source: "form" }))).total).toBe(10);
    expect((await listLinks(query({ source: "admin" }))).total).toBe(0);
    expect(await ids({ period: "7d" })).toEqual(["1000", "1001", "1002", "1003", "1004", "1005", "1006"]);
    expect(await ids({ period: "24h" })).toEqual(["1000"]);
    expect(await ids({ status: "salebot_pending" })).toEqual(["1001"]);
    expect(await ids({ status: "salebot_pending", sort: "name", dir: "desc", q: "maria" })).toEqual(["1001"]);
    expect((await listLinks(query({ status: "linked" }))).total).toBe(29);
    expect(await ids({ source: "form", period: "7d" })).toEqual(["1000", "1003", "1006"]);
  });

  test("sorting by each sortable column, both ways, ties broken by id", async () => {
    expect(await ids({ sort: "email", dir: "asc", pageSize: "3" })).toEqual(["1000", "1001", "1002"]);
    expect(await ids({ sort: "email", dir: "desc", pageSize: "3" })).toEqual(["1029", "1028", "1027"]);
    expect(await ids({ sort: "linkedAt", dir: "asc", pageSize: "2" })).toEqual(["1029", "1028"]);
    expect(await ids({ sort: "telegramId", dir: "asc", pageSize: "2" })).toEqual(["1001", "1002"]);
    // Nulls last ascending, first descending (the order an index walks).
    expect(await ids({ sort: "telegramId", dir: "desc", pageSize: "2" })).toEqual(["1025", "1020"]);
    // By name, case ignored ("Ivan 12" before "maria_1"), code-point order whatever the database collation.
    expect(await ids({ sort: "name", dir: "asc", pageSize: "3" })).toEqual(["1000", "1012", "1015"]);
    expect(await ids({ sort: "name", dir: "desc", pageSize: "3" })).toEqual(["1008", "1007", "1005"]);
  });

  test("a name search sorted by name pages through its matches like any other", async () => {
    const byName = async (page: string) =>
      (await listLinks(query({ q: "i", sort: "name", dir: "asc", pageSize: "4", page }))).rows.map((r) => r.name);
    const pages = [...(await byName("1")), ...(await byName("2")), ...(await byName("3"))];
    expect(pages).toEqual([
      "Ivan 0",
      "Ivan 12",
      "Ivan 15",
      "Ivan 18",
      "Ivan 21",
      "Ivan 24",
      "Ivan 27",
      "Ivan 3",
      "Ivan 6",
      "Ivan 9",
    ]);
    // A text search also matches e-mails: the two kinds are merged in page order without repeats.
    const merged = await listLinks(query({ q: "user0", sort: "email", dir: "asc", pageSize: "5", page: "2" }));
    expect(merged.total).toBe(10);
    expect(merged.rows.map((r) => r.sbClientId)).toEqual(["1005", "1006", "1007", "1008", "1009"]);
  });

  test("counts are capped", async () => {
    expect(await countLinks({}, 10)).toEqual({ total: 10, capped: true });
    expect(await countLinks({}, 30)).toEqual({ total: 30, capped: false });
    expect(await countLinks({ q: "ivan" }, 10)).toEqual({ total: 10, capped: false });
    // A text search counts names and e-mails once each, across both.
    expect(await countLinks({ q: "i" }, 100)).toEqual({ total: 10, capped: false });
    expect(await countLinks({ q: "user" }, 29)).toEqual({ total: 29, capped: true });
  });

  test("the schema caps paging and rejects unknown sorts", () => {
    expect(linkListQuerySchema.safeParse({ pageSize: "101" }).success).toBe(false);
    expect(linkListQuerySchema.safeParse({ page: "0" }).success).toBe(false);
    expect(linkListQuerySchema.safeParse({ sort: "password" }).success).toBe(false);
    expect(linkListQuerySchema.safeParse({ sort: "name" }).success).toBe(true);
    expect(linkListQuerySchema.parse({ source: "" }).source).toBeUndefined();
  });
});
