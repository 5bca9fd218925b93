import { beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db";
import {
  type LinkFilter,
  linkListQuerySchema,
  linkPageSql,
  linkSource,
  linkWhere,
  listLinks,
  searchWords,
} from "./links";

const P = "910";

type Person = { id: string; name: string | null; email: string; tgUsername?: string };

const PEOPLE: Person[] = [
  { id: "1", name: "Анна Иванова", email: "anna.ivanova.1@gmail.com", tgUsername: "@anna_iv" },
  { id: "2", name: "Иван Петров", email: "ivan.petrov.2@mail.ru", tgUsername: "@petrov_ivan" },
  { id: "3", name: "Пётр Сидоров", email: "p.sidorov@yandex.ru" },
  { id: "4", name: "Мария Иванова-Смирнова", email: "maria.s@gmail.com", tgUsername: "mashа" },
  { id: "5", name: null, email: "no.name.99@inbox.ru", tgUsername: "@quiet_one" },
  { id: "6", name: "Ольга Сидорова", email: "olga_100%@bk.ru" },
];

async function ids(q: string, extra: Record<string, string> = {}): Promise<string[]> {
  const page = await listLinks(linkListQuerySchema.parse({ q, sort: "email", dir: "asc", ...extra }));
  return page.rows.map((row) => row.sbClientId).sort();
}

beforeAll(async () => {
  // Clients first, then links (the insert trigger copies name and username), except client 5,
  // whose variables arrive after the link (the client trigger copies them then).
  await db.salebotClient.createMany({
    data: PEOPLE.filter((p) => p.id !== "5").map((p) => ({
      projectId: P,
      clientId: p.id,
      name: p.name,
      variables: p.tgUsername ? { tg_username: p.tgUsername, utm_source: "vk" } : undefined,
    })),
  });
  await db.link.createMany({
    data: PEOPLE.map((p, i) => ({
      projectId: P,
      sbClientId: p.id,
      telegramId: String(8000 + i),
      email: p.email,
      source: "bot" as const,
      linkedAt: new Date(Date.now() - i * 60_000),
    })),
  });
  await db.salebotClient.create({ data: { projectId: P, clientId: "5", variables: { tg_username: "@quiet_one" } } });
});

describe("searching /links by words anywhere", () => {
  test("the typed text as words: lower case, ё as е, a username's @ dropped", () => {
    expect(searchWords("  Пётр   @Petrov_IVAN ")).toEqual(["петр", "petrov_ivan"]);
    expect(searchWords("@")).toEqual(["@"]);
  });

  test("a surname alone, surname first, first name first", async () => {
    expect(await ids("Иванова")).toEqual(["1", "4"]);
    expect(await ids("Иванова Анна")).toEqual(["1"]);
    expect(await ids("анна иванова")).toEqual(["1"]);
    expect(await ids("Сидоров")).toEqual(["3", "6"]);
    expect(await ids("Сидоров Пётр")).toEqual(["3"]);
  });

  test("ё and е find each other", async () => {
    expect(await ids("Петр Сидоров")).toEqual(["3"]);
    // "петр" is also inside "Петров".
    expect(await ids("пётр")).toEqual(["2", "3"]);
  });

  test("any part of the e-mail", async () => {
    expect(await ids("gmail")).toEqual(["1", "4"]);
    expect(await ids("ivanov")).toEqual(["1"]);
    expect(await ids("sidorov@yandex")).toEqual(["3"]);
    expect(await ids("maria.s@gmail.com")).toEqual(["4"]);
    expect(await ids("inbox.ru")).toEqual(["5"]);
  });

  test("any part of the Telegram username, with or without @", async () => {
    expect(await ids("@anna_iv")).toEqual(["1"]);
    expect(await ids("petrov_iv")).toEqual(["2"]);
    // Copied from variables that arrived after the link.
    expect(await ids("quiet")).toEqual(["5"]);
    const [row] = (await listLinks(linkListQuerySchema.parse({ q: "quiet" }))).rows;
    expect(row?.telegramUsername).toBe("quiet_one");
  });

  test("every word must match, in any field", async () => {
    expect(await ids("Иван gmail")).toEqual(["1", "4"]);
    expect(await ids("Иван mail.ru")).toEqual(["2"]);
    expect(await ids("Иванова yandex")).toEqual([]);
  });

  test("wildcards are literal; short words fall back to a prefix of the name or e-mail", async () => {
    expect(await ids("100%")).toEqual(["6"]);
    expect(await ids("_100")).toEqual(["6"]);
    expect(await ids("%%%")).toEqual([]);
    expect(await ids("ан")).toEqual(["1"]);
    expect(await ids("p.")).toEqual(["3"]);
  });

  test("ids stay exact; filters and the count apply to a word search", async () => {
    expect(await ids("8002")).toEqual(["3"]);
    const page = await listLinks(linkListQuerySchema.parse({ q: "ов", pageSize: "1" }));
    expect(page.rows).toHaveLength(0);
    const common = await listLinks(linkListQuerySchema.parse({ q: "ова", pageSize: "2", page: "2" }));
    expect(common).toMatchObject({ total: 3, totalCapped: false, page: 2 });
    expect(common.rows).toHaveLength(1);
    expect(await ids("иванова", { source: "form" })).toEqual([]);
  });

  test("renaming the client or changing the username updates the search", async () => {
    await db.salebotClient.update({
      where: { projectId_clientId: { projectId: P, clientId: "2" } },
      data: { name: "Иван Кузнецов", variables: { tg_username: "@kuznets" } },
    });
    expect(await ids("кузнецов иван")).toEqual(["2"]);
    expect(await ids("kuznets")).toEqual(["2"]);
    expect(await ids("petrov_ivan")).toEqual([]);
  });

  test("the search text follows a changed e-mail and a link moved to another client", async () => {
    await db.link.update({
      where: { projectId_sbClientId: { projectId: P, sbClientId: "3" } },
      data: { email: "p.sidorov@proton.me" },
    });
    expect(await ids("proton")).toEqual(["3"]);
    expect(await ids("yandex")).toEqual([]);
    const [row] = await db.$queryRaw<
      { search_text: string }[]
    >`SELECT search_text FROM links WHERE project_id = ${P} AND sb_client_id = '3'`;
    expect(row?.search_text).toBe("петр сидоров p.sidorov@proton.me ");
    await db.link.update({
      where: { projectId_sbClientId: { projectId: P, sbClientId: "3" } },
      data: { email: "p.sidorov@yandex.ru" },
    });
    expect(await ids("yandex")).toEqual(["3"]);
  });

  test("a page reads the same rows whether it walks the sort order or reads the matches first", async () => {
    const filters: LinkFilter[] = [
      { q: "ова", sort: "name", dir: "asc" },
      { q: "gmail", sort: "linkedAt", dir: "desc" },
      { q: "Иван", sort: "email", dir: "desc" },
    ];
    for (const filter of filters) {
      const walked = await db.$queryRaw<{ id: string }[]>(linkPageSql(filter, 2, 1, false));
      const readFirst = await db.$queryRaw<{ id: string }[]>(linkPageSql(filter, 2, 1, true));
      expect(readFirst.map((row) => row.id)).toEqual(walked.map((row) => row.id));
      expect(walked.length).toBeGreaterThan(0);
    }
  });

  test("a common word (past the count's cap): by date its first matches, by name or e-mail its newest 2,000 in that order", async () => {
    const many = 2_100;
    await db.link.createMany({
      data: Array.from({ length: many }, (_, i) => ({
        projectId: "911",
        sbClientId: String(i),
        email: `common.${String((i * 7919) % many).padStart(4, "0")}@zzz.test`,
        source: "form" as const,
        linkedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 4099) % many) * 60_000),
      })),
    });
    type Row = { id: string; email: string; linkedAt: Date };
    const all = await db.$queryRaw<Row[]>`
      SELECT l.id::text AS id, l.email, l.linked_at AS "linkedAt" FROM links l WHERE l.project_id = '911'`;
    const byDate = (a: Row, b: Row) =>
      b.linkedAt.getTime() - a.linkedAt.getTime() || Number(BigInt(b.id) - BigInt(a.id));
    const newest = [...all].sort(byDate).slice(0, 2_000);
    const expected: Record<string, Row[]> = {
      "linkedAt desc": [...all].sort(byDate),
      "linkedAt asc": [...all].sort((a, b) => byDate(b, a)),
      "email asc": [...newest].sort((a, b) => (a.email < b.email ? -1 : 1)),
      "email desc": [...newest].sort((a, b) => (a.email < b.email ? 1 : -1)),
    };
    for (const [order, rows] of Object.entries(expected)) {
      const [sort, dir] = order.split(" ");
      const seen = new Set<string>();
      for (const page of ["1", "2", "80"]) {
        const listed = await listLinks(linkListQuerySchema.parse({ q: "common", sort, dir, page }));
        expect(listed).toMatchObject({
          total: 2_000,
          totalCapped: true,
          page: Number(page),
          newestMatchesOnly: sort === "email",
        });
        const from = (Number(page) - 1) * 25;
        expect(listed.rows.map((row) => row.id)).toEqual(rows.slice(from, from + 25).map((row) => row.id));
        for (const row of listed.rows) seen.add(row.id);
      }
      expect(seen.size).toBe(75);
    }
    // By name (no names here: all null) the same newest 2,000, each page once.
    const byName = await listLinks(linkListQuerySchema.parse({ q: "common", sort: "name", dir: "asc", page: "80" }));
    expect(byName.newestMatchesOnly).toBe(true);
    expect(byName.rows.every((row) => newest.some((n) => n.id === row.id))).toBe(true);
    // Under the cap nothing changes: every match, in order.
    const rare = await listLinks(linkListQuerySchema.parse({ q: "Иванова", sort: "email", dir: "asc" }));
    expect(rare.newestMatchesOnly).toBe(false);
    await db.link.deleteMany({ where: { projectId: "911" } });
  });

  test("the CSV export's filter finds the same links", async () => {
    const filter = { q: "Иванова Анна" };
    const rows = await db.$queryRaw<
      { id: string }[]
    >`SELECT l.sb_client_id AS id FROM ${linkSource(filter)} WHERE ${linkWhere(filter)}`;
    expect(rows.map((row) => row.id)).toEqual(["1"]);
  });
});
