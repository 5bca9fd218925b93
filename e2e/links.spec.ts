import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The e2e server runs in demo mode: its seeded history holds a few hundred links.
const rows = (page: Page) => page.locator("[data-testid=links-table] tbody tr[data-row-id]");
const emailCells = (page: Page) => page.locator("[data-testid=links-table] tbody tr[data-row-id] td:nth-child(2)");
const nameCells = (page: Page) => page.locator("[data-testid=links-table] tbody tr[data-row-id] td:nth-child(1)");

async function openLinksWithData(page: Page): Promise<void> {
  await expect(async () => {
    await page.goto("/links");
    expect(await rows(page).count()).toBeGreaterThan(1);
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });
}

test("links: search, sort and paging live in the URL; cards and outside links", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  await openLinksWithData(page);
  await expect(page.getByTestId("data-table-page")).toBeVisible();
  // What can be searched is said beside the field, which reads it out too.
  await expect(page.getByTestId("links-search-hint")).toContainText("@username");
  await expect(page.getByTestId("data-table-search")).toHaveAttribute("aria-describedby", "links-search-hint");
  await expect(page.getByTestId("data-table-search")).toHaveAttribute("placeholder", "Имя, e-mail или id");

  // Search narrows the table, the URL holds it, and a reload keeps it.
  const email = (await emailCells(page).first().textContent())?.trim() ?? "";
  expect(email).toContain("@");
  await page.getByTestId("data-table-search").fill(email);
  await page.getByTestId("data-table-search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(email).replace(/[.+]/g, "\\$&")}`));
  await expect(rows(page)).toHaveCount(1);
  await page.reload();
  await expect(page.getByTestId("data-table-search")).toHaveValue(email);
  await expect(rows(page)).toHaveCount(1);
  await expect(emailCells(page).first()).toHaveText(email);

  // Sort by e-mail: the header is a link that writes sort and dir.
  await page.goto("/links");
  await page.getByTestId("sort-email").click();
  await expect(page).toHaveURL(/sort=email&dir=asc/);
  await expect(page.getByTestId("sort-email")).toHaveAttribute("data-sorted", "asc");
  const sorted = (await emailCells(page).allTextContents()).map((text) => text.trim());
  expect(sorted.length).toBeGreaterThan(1);
  expect([...sorted].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(sorted);

  // Next page keeps the sort.
  const firstOnPageOne = sorted[0];
  await page.getByTestId("data-table-next").click();
  await expect(page).toHaveURL(/page=2/);
  await expect(page).toHaveURL(/sort=email/);
  await expect(emailCells(page).first()).not.toHaveText(firstOnPageOne ?? "");
  await page.reload();
  await expect(page).toHaveURL(/page=2/);

  // Sort by name, case ignored; then the start of a name finds those customers.
  await page.goto("/links");
  await page.getByTestId("sort-name").click();
  await expect(page).toHaveURL(/sort=name&dir=asc/);
  await expect(page.getByTestId("sort-name")).toHaveAttribute("data-sorted", "asc");
  const names = (await nameCells(page).allTextContents())
    .map((text) => text.trim().toLowerCase())
    .filter((name) => name !== "без имени");
  expect(names.length).toBeGreaterThan(1);
  expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
  const prefix = names[0]?.slice(0, 3) ?? "";
  await page.getByTestId("data-table-search").fill(prefix.toUpperCase());
  await page.getByTestId("data-table-search").press("Enter");
  // The URL already sorted by name before the search: wait for the search itself, then for its rows.
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(prefix.toUpperCase())}(&|$)`, "i"));
  await expect(page).toHaveURL(/sort=name/);
  await expect(rows(page).first()).toBeVisible();
  // Rows are read in one go (the table may still be swapping in the results); a word is found
  // anywhere in the name or e-mail, "ё" read as "е".
  const plain = (text: string) => text.trim().toLowerCase().replaceAll("ё", "е");
  await expect
    .poll(async () => {
      const cells = await rows(page).evaluateAll((trs) =>
        trs.map((tr) => [tr.children[0]?.textContent ?? "", tr.children[1]?.textContent ?? ""]),
      );
      return (
        cells.length > 0 &&
        cells.every(
          ([name, email]) => plain(name ?? "").includes(plain(prefix)) || plain(email ?? "").includes(plain(prefix)),
        )
      );
    })
    .toBe(true);

  // Outside links open in a new tab; in demo mode the Salebot dialog is the simulator's page.
  await expect(page.getByTestId("salebot-link").first()).toHaveAttribute("target", "_blank");
  await expect(page.getByTestId("salebot-link").first()).toHaveAttribute(
    "href",
    /^http:\/\/127\.0\.0\.1:\d+\/projects\/[^/]+\/clients\/[^/]+$/,
  );
  const gc = page.getByTestId("gc-link").first();
  if ((await gc.count()) > 0) {
    await expect(gc).toHaveAttribute("target", "_blank");
    await expect(gc).toHaveAttribute("href", /\/user\/control\/user\/update\/id\//);
  }

  // The customer card.
  await page.getByTestId("customer-link").first().click();
  await expect(page).toHaveURL(/\/customers\/[^/]+-[^/]+$/);
  await expect(page.getByTestId("customer-name")).toBeVisible();
  await expect(page.getByTestId("customer-attempts")).toBeVisible();
  await expect(page.getByTestId("salebot-link")).toHaveAttribute("target", "_blank");
  await expect(page.getByTestId("relink")).toHaveAttribute("href", /\/links\/relink\?project=.+&client=.+/);
});

test("an unknown customer is a 404", async ({ adminPage: page }) => {
  const response = await page.goto("/customers/0-does-not-exist");
  expect(response?.status()).toBe(404);
});
