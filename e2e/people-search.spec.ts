import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The e2e server runs in demo mode: its clients are named "Имя Фамилия", with e-mails such as
// anna.ivanova.42@yandex.ru (lib/demo/people.ts).
const rows = (page: Page) => page.locator("[data-testid=links-table] tbody tr[data-row-id]");
const cellTexts = async (page: Page, column: number) =>
  (await page.locator(`[data-testid=links-table] tbody tr[data-row-id] td:nth-child(${column})`).allTextContents()).map(
    (text) => text.trim().toLowerCase(),
  );

/** A linked customer of the demo with a first name and a surname, and their e-mail. */
async function demoPerson(page: Page): Promise<{ first: string; surname: string; email: string }> {
  let person: { first: string; surname: string; email: string } | null = null;
  await expect(async () => {
    await page.goto("/links");
    const names = await cellTexts(page, 1);
    const emails = await cellTexts(page, 2);
    const index = names.findIndex((name) => /^\S+ \S+$/.test(name));
    expect(index).toBeGreaterThanOrEqual(0);
    const [first = "", surname = ""] = (names[index] ?? "").split(" ");
    person = { first, surname, email: emails[index] ?? "" };
  }).toPass({ timeout: 90_000, intervals: [1_000, 2_000, 5_000] });
  if (!person) throw new Error("no named customer in the demo data");
  return person;
}

/** Searches and waits until every row shown passes `check` (the table of the last search may still show). */
async function search(page: Page, text: string, column: number, check: (cell: string) => boolean): Promise<string[]> {
  await page.getByTestId("data-table-search").fill(text);
  await page.getByTestId("data-table-search").press("Enter");
  await expect(page).toHaveURL(/[?&]q=/);
  await expect
    .poll(async () => {
      const cells = await cellTexts(page, column);
      return cells.length > 0 && cells.every(check);
    })
    .toBe(true);
  return cellTexts(page, column);
}

test("links: a surname first finds the person; so does a part of the e-mail", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  const person = await demoPerson(page);

  const names = await search(
    page,
    `${person.surname} ${person.first}`,
    1,
    (name) => name.includes(person.surname) && name.includes(person.first),
  );
  expect(names).toContain(`${person.first} ${person.surname}`);

  // The middle of the e-mail: after its first letter, before the domain.
  const part = person.email.split("@")[0]?.slice(1) ?? "";
  expect(part.length).toBeGreaterThanOrEqual(3);
  const emails = await search(page, part.toUpperCase(), 2, (email) => email.includes(part));
  expect(emails).toContain(person.email);
});

test("overview: the search box opens the list searched; trends show 30 days", async ({ adminPage: page }) => {
  test.setTimeout(150_000);
  const person = await demoPerson(page);

  await page.goto("/");
  const trends = page.getByTestId("overview-trends");
  await expect(trends.getByRole("heading", { name: "По дням за 30 дней" })).toBeVisible();
  for (const series of ["links", "failures", "revenue"]) {
    await expect(page.getByTestId(`overview-trend-${series}`).locator("tbody tr")).toHaveCount(30);
  }
  // The demo links customers within the last 30 days.
  await expect(page.getByTestId("overview-trend-links-total")).not.toHaveText("0");

  await page.getByTestId("overview-search").fill(person.surname);
  await page.getByTestId("overview-search").press("Enter");
  await expect(page).toHaveURL(new RegExp(`/links\\?q=${encodeURIComponent(person.surname)}`, "i"));
  await expect(page.getByTestId("data-table-search")).toHaveValue(person.surname);
  await expect(rows(page).first()).toBeVisible();
  for (const name of await cellTexts(page, 1)) expect(name).toContain(person.surname);
});
