import type { Page } from "@playwright/test";
import { ADMIN, expect, test } from "./fixtures";

/** The matcher reads the demo history in batches after the server starts; wait for its suggestions. */
async function openWhenSuggested(page: Page, path: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByTestId("suggestions-table").getByRole("button", { name: "Связать" }).first()).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 90_000 });
}

// The matcher works through the demo history in the background, and staff is invited first.
test.setTimeout(180_000);

// Staff may decide as admins do (lib/auth/permissions.test.ts); the admin's session also reads the audit log.
test("a phone match is confirmed in one click and an e-mail match dismissed with a reason; both are audited", async ({
  adminPage: page,
}) => {
  const decider = ADMIN;
  await page.goto("/");
  await page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Подсказки связей" }).click();
  await expect(page.getByRole("heading", { name: "Подсказки связей" })).toBeVisible();

  // A unique phone match: one click links it through the bot's own pipeline.
  await openWhenSuggested(page, "/suggestions?kind=phone");
  const phoneRow = page.getByTestId("suggestions-table").locator("tbody tr").first();
  await expect(phoneRow.getByTestId("suggestion-match")).toContainText(/^\+7\d{10}/);
  const gcEmail = (await phoneRow.locator("td").nth(3).textContent())?.split(" ")[0]?.trim() ?? "";
  expect(gcEmail).toContain("@");
  const phoneClient = (await phoneRow.locator("td").nth(1).textContent()) ?? "";
  await phoneRow.getByRole("button", { name: "Связать" }).click();
  // The list is read again: the note says what happened, and the decided row has left «ждёт решения».
  await expect(page.getByTestId("suggestion-decided")).toContainText(`связан с ${gcEmail}`);
  await expect(page).toHaveURL(/kind=phone/);
  await expect(page.getByTestId("suggestions-table").locator("tbody tr").filter({ hasText: phoneClient })).toHaveCount(
    0,
  );

  // The link is on the links list, made by a suggestion.
  await page.goto(`/links?q=${encodeURIComponent(gcEmail)}&source=suggestion`);
  await expect(page.getByTestId("links-table")).toContainText(gcEmail);
  await expect(page.getByTestId("links-table")).toContainText("подсказка");

  // An e-mail the customer wrote in the chat: dismissed, with why.
  await openWhenSuggested(page, "/suggestions?kind=email");
  const mailRow = page.getByTestId("suggestions-table").locator("tbody tr").first();
  await expect(mailRow.getByTestId("suggestion-match")).toContainText("написал в чате");
  await mailRow.getByLabel("Причина отказа").fill("Это адрес её мужа");
  await mailRow.getByRole("button", { name: "Отклонить" }).click();
  await expect(page.getByTestId("suggestion-decided")).toContainText("отклонено");

  await page.goto("/suggestions?view=decided");
  const decided = page.getByTestId("suggestions-table");
  await expect(decided).toContainText("Причина: Это адрес её мужа");
  await expect(decided).toContainText("связан");
  await expect(decided).toContainText(decider.email);

  // Shared phones are listed apart, and offer no link button.
  await page.goto("/suggestions?view=ambiguous");
  await expect(page.getByTestId("suggestions-table")).toContainText("неоднозначно");
  await expect(page.getByTestId("suggestions-table").getByRole("button", { name: "Связать" })).toHaveCount(0);

  await page.goto("/audit?action=suggestion.confirm");
  await expect(page.getByTestId("audit-table")).toContainText(decider.email);
  await expect(page.getByTestId("audit-table")).toContainText("подтверждение подсказки связи");
  await page.goto("/audit?action=suggestion.dismiss");
  await expect(page.getByTestId("audit-table")).toContainText("Это адрес её мужа");
});
