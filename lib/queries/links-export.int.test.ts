import { beforeAll, describe, expect, test } from "vitest";
import { GET } from "@/app/api/export/links.csv/route";
import { csvCell, csvLine } from "@/lib/csv/write";
import { db } from "@/lib/db";
import { TEST_READ_TOKEN } from "@/lib/testing/database-per-file";

const BASE = "http://hub.test/api/export/links.csv";

function get(query = "", token: string | null = TEST_READ_TOKEN): Promise<Response> {
  return GET(new Request(`${BASE}${query}`, { headers: token ? { authorization: `Bearer ${token}` } : {} }));
}

beforeAll(async () => {
  await db.link.createMany({
    data: [
      {
        projectId: "1",
        sbClientId: "11",
        telegramId: "111",
        email: "plain@example.com",
        gcUserId: "g1",
        source: "bot",
        linkedAt: new Date("2026-01-02T10:00:00Z"),
      },
      {
        projectId: "1",
        sbClientId: "12",
        telegramId: null,
        email: "=cmd@example.com",
        gcUserId: null,
        source: "form",
        linkedAt: new Date("2026-01-01T10:00:00Z"),
      },
    ],
  });
  await db.salebotClient.createMany({
    data: [
      { projectId: "1", clientId: "11", name: 'Smith, "Jr"' },
      { projectId: "1", clientId: "12", name: "+7 (900) 000; -1" },
    ],
  });
});

describe("csv writer", () => {
  test("quotes separators, quotes and line breaks; guards formulas; leaves our numbers alone", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("a;b")).toBe("a;b");
    expect(csvCell("a;b", ";")).toBe('"a;b"');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    for (const dangerous of ["=SUM(A1)", "+1", "-1", "@x", "\tx", "\rx"])
      expect(csvCell(dangerous).replace(/^"/, "")).toMatch(/^'/);
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    expect(csvCell(new Date("2026-01-01T00:00:00Z"))).toBe("2026-01-01T03:00:00+03:00");
    expect(csvLine(["a", 1, true])).toBe("a,1,true\r\n");
  });
});

describe("GET /api/export/links.csv", () => {
  test("401 without a session or token, 401 with a wrong token", async () => {
    expect((await get("", null)).status).toBe(401);
    expect((await get("", "wrong-token-0123456789")).status).toBe(401);
  });

  test("200 with the read token: BOM, header, rows in the page's order, escaped and guarded", async () => {
    const response = await get();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/attachment; filename="links-\d{4}-\d{2}-\d{2}\.csv"/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe(
      "email,telegram_id,salebot_project_id,salebot_client_id,client_name,gc_user_id,linked_at,source,salebot_pending",
    );
    expect(lines[1]).toBe('plain@example.com,111,1,11,"Smith, ""Jr""",g1,2026-01-02T13:00:00+03:00,bot,false');
    expect(lines[2]).toBe("'=cmd@example.com,,1,12,'+7 (900) 000; -1,,2026-01-01T13:00:00+03:00,form,false");
    expect(lines[3]).toBe("");
  });

  test("?sep=semicolon, the page's filters and sort", async () => {
    const text = await (await get("?sep=semicolon&source=form")).text();
    const lines = text.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]?.startsWith("email;telegram_id;")).toBe(true);
    expect(lines[1]).toBe("'=cmd@example.com;;1;12;\"'+7 (900) 000; -1\";;2026-01-01T13:00:00+03:00;form;false");
    expect(lines).toHaveLength(3);
    const ascending = (await (await get("?sort=linkedAt&dir=asc")).text()).split("\r\n");
    expect(ascending[1]?.startsWith("'=cmd@")).toBe(true);
  });

  test("400 for an unknown filter value", async () => {
    expect((await get("?status=nope")).status).toBe(400);
  });
});
