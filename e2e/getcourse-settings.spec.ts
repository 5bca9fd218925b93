import { expect, test } from "./fixtures";

// Issue 12: Settings says how the keys are written, checks the account's fields with the link
// path's own read, and keeps the unknown-e-mail choice.
test("GetCourse settings: key mode, a connection test that reads a real user, the field check, the unknown-e-mail setting", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  await expect(page.getByTestId("gc-key-mode")).toHaveAttribute("data-mode", "tech_api");

  await page.getByTestId("test-getcourse").getByRole("button", { name: "Проверить подключение" }).click();
  const verdict = page.getByTestId("test-getcourse-verdict");
  await expect(verdict).toHaveAttribute("data-verdict", "ok", { timeout: 15_000 });
  await expect(verdict).toContainText("Реальный пользователь (Tech API)");
  // The test renews the field check shown on the page.
  await page.reload();
  await expect(page.getByTestId("gc-field-check")).toHaveAttribute("data-state", "ok");

  const gcForm = page.getByTestId("gc-form");
  await gcForm.locator("select[name=unknownEmail]").selectOption("create");
  await gcForm.getByRole("button", { name: "Сохранить" }).click();
  await expect(gcForm.getByRole("status")).toHaveText("Сохранено.");
  await page.reload();
  await expect(page.getByTestId("gc-form").locator("select[name=unknownEmail]")).toHaveValue("create");
  // Back to the default for the rest of the run.
  await page.getByTestId("gc-form").locator("select[name=unknownEmail]").selectOption("refuse");
  await page.getByTestId("gc-form").getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("gc-form").getByRole("status")).toHaveText("Сохранено.");

  await expect(page.getByTestId("upstream-samples")).toBeVisible();
});
