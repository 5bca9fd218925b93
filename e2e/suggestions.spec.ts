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
  // A link calls GetCourse and Salebot (simulated) and the list is read again: on a loaded machine
  // that takes longer than the default five seconds.
  await expect(page.getByTestId("suggestion-decided")).toContainText(`связан с ${gcEmail}`, { timeout: 20_000 });
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

test("a suggestion whose GetCourse user the bot linked to another chat meanwhile leaves the list; a stale click says so and logs no failure", async ({
  adminPage: page,
  request,
}) => {
  await openWhenSuggested(page, "/suggestions");
  const rows = page.getByTestId("suggestions-table").locator("tbody tr");
  const clientOf = async (index: number) =>
    /клиент (\d+)/.exec((await rows.nth(index).locator("td").nth(1).textContent()) ?? "")?.[1] ?? "";
  const stale = await clientOf(0);
  const gcEmail = (await rows.nth(0).locator("td").nth(3).textContent())?.split(" ")[0]?.trim() ?? "";
  const otherChat = await clientOf(1);
  expect(stale).toMatch(/^\d+$/);
  expect(otherChat).toMatch(/^\d+$/);
  expect(otherChat).not.toBe(stale);
  expect(gcEmail).toContain("@");
  const card = (await rows.nth(0).locator("td").nth(1).getByRole("link").first().getAttribute("href")) ?? "";
  expect(card).toMatch(/^\/customers\//);

  // Another chat types this suggestion's e-mail into the bot, while the page stays open.
  const linked = await request.post("/api/link?token=e2e-link-token-0123456789", {
    data: { email: gcEmail, sb_id: otherChat },
  });
  expect(await linked.json()).toMatchObject({ success: true });

  const staleRow = rows.filter({ hasText: `клиент ${stale}` }).filter({ hasText: gcEmail });
  await staleRow.first().getByRole("button", { name: "Связать" }).click();
  const note = page.getByTestId("suggestion-decided");
  await expect(note).toContainText(`Подсказка для клиента ${stale} снята`, { timeout: 20_000 });
  await expect(note).toContainText(`${gcEmail} связан с клиентом Salebot ${otherChat}`);
  await expect(note).toContainText("ошибка не записана");
  // Both are off the waiting list: this suggestion, and every one of the other chat, now linked.
  await expect(staleRow).toHaveCount(0);
  await expect(rows.filter({ hasText: `клиент ${otherChat}` })).toHaveCount(0);

  await page.goto("/suggestions?view=decided&pageSize=100");
  const decided = page.getByTestId("suggestions-table").locator("tbody tr");
  await expect(decided.filter({ hasText: `клиент ${stale}` }).first()).toContainText("связан другим путём");
  // Nothing was tried for the stale click: no suggestion attempt (and so no failure) on its card.
  await page.goto(card);
  await expect(page.getByTestId("customer-attempts")).not.toContainText("подсказка");
});
