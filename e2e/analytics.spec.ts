import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The e2e server runs in demo mode: six weeks of seeded history, plus a few live events. The
// page and the API are compared inside a retry, since a live event may land between the two reads.

const READ_TOKEN = "e2e-read-token-0123456789";
const TIME_ZONE = "Europe/Moscow";

function schoolDate(offsetDays: number): string {
  const day = new Date(Date.now() + offsetDays * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: TIME_ZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(day);
}

type Counts = { clients: number; linked: number; ordered: number; paid: number; revenue: number };
type FunnelBody = { from: string; to: string; total: Counts; rows: Array<{ key: string | null } & Counts> };

const METRICS = ["clients", "linked", "ordered", "paid", "revenue"] as const;
const pick = (counts: Counts): Counts => ({
  clients: counts.clients,
  linked: counts.linked,
  ordered: counts.ordered,
  paid: counts.paid,
  revenue: counts.revenue,
});

/** The funnel table as the page renders it: each row's raw numbers from its data-value cells. */
async function funnelTable(
  page: Page,
): Promise<{ rows: Array<{ key: string | null } & Counts>; total: Counts | null }> {
  const readRow = async (row: ReturnType<Page["locator"]>): Promise<Counts> => {
    const values = await Promise.all(
      METRICS.map(async (metric) => Number(await row.locator(`td[data-metric=${metric}]`).getAttribute("data-value"))),
    );
    return {
      clients: values[0] ?? NaN,
      linked: values[1] ?? NaN,
      ordered: values[2] ?? NaN,
      paid: values[3] ?? NaN,
      revenue: values[4] ?? NaN,
    };
  };
  const table = page.getByTestId("funnel-table");
  const rows = [];
  for (const row of await table.locator("tbody tr").all()) {
    const key = (await row.getAttribute("data-key")) ?? "";
    rows.push({ key: key === "" ? null : key, ...(await readRow(row)) });
  }
  const footer = table.locator("tfoot tr");
  return { rows, total: (await footer.count()) > 0 ? await readRow(footer) : null };
}

const digits = (text: string | null) => Number((text ?? "").replace(/\D/g, ""));

test("analytics: the page shows the funnel API's numbers; group-by and paging live in the URL; CSV with the same filters", async ({
  page,
  signIn,
  request,
}) => {
  test.setTimeout(180_000);
  await signIn("marketer");
  const from = schoolDate(-59);
  const to = schoolDate(0);
  const query = `from=${from}&to=${to}&groupBy=bot`;

  // Demo history may still be loading right after start-up; wait for it, but compare zeros too
  // if the period stays empty.
  await expect(async () => {
    await page.goto(`/analytics?${query}`);
    await expect(page.getByTestId("funnel-table")).toHaveAttribute("data-group-by", "bot");
    const shown = await funnelTable(page);
    expect(shown.rows.length).toBeGreaterThan(0);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });

  // Page vs API: the session's cookie and the read token both reach the same numbers.
  await expect(async () => {
    await page.reload();
    const shown = await funnelTable(page);
    const bySession = await page.request.get(`/api/analytics/funnel?${query}`);
    expect(bySession.status()).toBe(200);
    const api = (await bySession.json()) as FunnelBody;
    expect(api).toMatchObject({ from, to });
    expect(shown.rows).toEqual(api.rows.map((row) => ({ key: row.key, ...pick(row) })));
    expect(shown.total).toEqual(pick(api.total));
    const byToken = await page.request.get(`/api/analytics/funnel?${query}`, {
      headers: { authorization: `Bearer ${READ_TOKEN}` },
    });
    expect(pick(((await byToken.json()) as FunnelBody).total)).toEqual(pick(api.total));
  }).toPass({ timeout: 45_000, intervals: [1_000, 3_000] });

  // Group-by through the UI writes the URL, and the reports follow it.
  await page.getByTestId("filter-groupBy").selectOption("messenger");
  await expect(page).toHaveURL(/groupBy=messenger/);
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await expect(page.getByTestId("funnel-table")).toHaveAttribute("data-group-by", "messenger");
  const messenger = await funnelTable(page);
  const apiMessenger = (await (
    await page.request.get(`/api/analytics/funnel?from=${from}&to=${to}&groupBy=messenger`)
  ).json()) as FunnelBody;
  expect(messenger.total?.clients).toBe(apiMessenger.total.clients);

  // The orders table pages on the server, and the URL holds the page.
  await page.goto(`/analytics?${query}&pageSize=25`);
  const orderRows = page.locator("[data-testid=orders-table] tbody tr[data-row-id]");
  const total = digits(await page.locator("[data-testid=orders-section] [data-testid=data-table-total]").textContent());
  if (total > 25) {
    const firstId = await orderRows.first().getAttribute("data-row-id");
    await page.getByTestId("data-table-next").click();
    await expect(page).toHaveURL(/page=2/);
    await expect(orderRows.first()).not.toHaveAttribute("data-row-id", firstId ?? "");
    await expect(page.getByTestId("data-table-page")).toContainText("2");
  } else {
    await expect(orderRows).toHaveCount(total);
  }

  // A filter narrows the table and the export link carries it, with the period and the sort.
  await page.getByTestId("filter-paid").selectOption("paid");
  await expect(page).toHaveURL(/paid=paid/);
  await expect(page).not.toHaveURL(/page=2/);
  const link = page.getByTestId("orders-export");
  const href = (await link.getAttribute("href")) ?? "";
  expect(href).toContain("/api/export/orders.csv?");
  const params = new URL(href, "http://x").searchParams;
  expect(Object.fromEntries(params)).toMatchObject({ from, to, paid: "paid", sort: "orderedAt", dir: "desc" });
  const paidTotal = digits(
    await page.locator("[data-testid=orders-section] [data-testid=data-table-total]").textContent(),
  );

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^orders-.*\.csv$/);
  const text = (await readFile((await download.path()) ?? "", "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^deal_id[;,]deal_number[;,]email/);
  expect(lines.length - 1).toBe(paidTotal);
  const separator = lines[0]?.includes(";") ? ";" : ",";
  const paidColumn = (lines[0] ?? "").split(separator).indexOf("paid");
  for (const line of lines.slice(1, 20)) expect(line.split(separator)[paidColumn]).toBe("yes");

  // The read token opens the export too; nothing at all does not.
  const csv = await page.request.get(href, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect((await request.get(href)).status()).toBe(401);
});

test("analytics charts have a table beside them, in English too", async ({ adminPage: page }) => {
  await page.goto("/analytics");
  await expect(page.getByRole("heading", { name: "Аналитика", level: 1 })).toBeVisible();
  for (const id of [
    "funnel-chart",
    "funnel-table",
    "revenue-table",
    "ttp-chart",
    "ttp-table",
    "cohorts-table",
    "orders-table",
  ]) {
    await expect(page.getByTestId(id)).toBeVisible();
  }
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Analytics", level: 1 })).toBeVisible();
});

test("analytics grouped by UTM source compares the same groups in every section, and every figure says what it counts", async ({
  page,
  signIn,
}) => {
  test.setTimeout(120_000);
  await signIn("marketer");
  const from = schoolDate(-59);
  const to = schoolDate(0);
  await expect(async () => {
    await page.goto(`/analytics?from=${from}&to=${to}&groupBy=utm_source`);
    await expect(page.getByTestId("funnel-table")).toHaveAttribute("data-group-by", "utm_source");
    expect(await page.locator("[data-testid=funnel-table] tbody tr").count()).toBeGreaterThan(1);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000, 5_000] });

  // The funnel table lists the biggest groups first; the first of them are the compared ones.
  const funnelKeys = await page
    .locator("[data-testid=funnel-table] tbody tr")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key") ?? ""));
  const compared = funnelKeys.slice(0, 6);
  const names = compared.map((key) => (key === "" ? "(не задано)" : key));
  if (funnelKeys.length > compared.length) names.push("Остальные");

  // The charts draw one series per compared group (and "other"), side by side, with a legend.
  for (const chart of ["funnel-chart", "ttp-chart"]) {
    await expect(page.getByTestId(chart)).toHaveAttribute("data-series", names.join("|"));
    // The legend in the groups' order, like the tables (not sorted by name).
    await expect(page.getByTestId(chart).locator(".recharts-legend-item")).toHaveText(names);
  }
  await expect(page.getByTestId("funnel-chart").locator(".recharts-bar")).toHaveCount(names.length);

  // Time to payment and cohorts are split into the same groups, in the same order.
  const ttpKeys = await page
    .locator("[data-testid=ttp-groups-table] tbody tr:not([data-other=true])")
    .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key") ?? ""));
  expect(ttpKeys).toEqual(compared);
  const cohortKeys = await page
    .locator("[data-testid=cohort-group]:not([data-other=true])")
    .evaluateAll((groups) => groups.map((group) => group.getAttribute("data-group") ?? ""));
  expect(cohortKeys).toEqual(compared);
  await expect(page.getByTestId("cohorts-table")).toHaveAttribute("data-group-by", "utm_source");

  // The groups of time to payment add up to its total.
  const paidTotal = Number(await page.getByTestId("ttp-paid").getAttribute("data-value"));
  const paidByGroup = await page
    .locator("[data-testid=ttp-groups-table] td[data-metric=paidClients]")
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute("data-value"))));
  expect(paidByGroup.reduce((sum, value) => sum + value, 0)).toBe(paidTotal);

  // One definition beside each figure: what it counts, its time zone and currency.
  const funnelDefinitions = page.getByTestId("funnel-section").getByTestId("definitions");
  await expect(funnelDefinitions.locator("[data-definition]")).toHaveCount(5);
  await expect(funnelDefinitions.locator("[data-definition=clients]")).toContainText("Europe/Moscow");
  await expect(funnelDefinitions.locator("[data-definition=revenue]")).toContainText("RUB");
  const revenueDefinitions = page.getByTestId("revenue-section").getByTestId("definitions");
  await expect(revenueDefinitions.locator("[data-definition=paidOrders]")).toContainText(
    "меньше, чем платящих клиентов",
  );
  for (const section of ["ttp-section", "cohorts-section"])
    await expect(page.getByTestId(section).getByTestId("definitions")).toBeVisible();

  // The overview's revenue is another figure, and says so.
  await page.goto("/");
  await expect(page.getByTestId("overview-revenue-definition")).toContainText("по дате оплаты");
  await expect(page.getByTestId("overview-revenue-definition")).toContainText("В «Аналитике» выручка другая");
});
