import { expect, test } from "./fixtures";

const LINK_TOKEN = "e2e-link-token-0123456789";
const GC_WEBHOOK_TOKEN = "e2e-gc-webhook-token-0123456789";

test("the overview's numbers link to their lists", async ({ adminPage: page }) => {
  await page.goto("/");
  await expect(page.getByTestId("overview-links-today")).toHaveAttribute(
    "href",
    /^\/links\?period=24h&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/,
  );
  await expect(page.getByTestId("overview-links-week")).toHaveAttribute("href", /^\/links\?period=7d/);
  await expect(page.getByTestId("overview-failures")).toHaveAttribute("href", "/failures");
  await expect(page.getByTestId("overview-deliveries")).toHaveAttribute("href", "/deliveries?status=pending");
  await expect(page.getByTestId("overview-revenue")).toHaveAttribute("href", /^\/analytics\?from=/);
  await expect(page.getByTestId("overview-deliveries")).toHaveText(/^\d[\d\s]*$/);
  await expect(page.getByTestId("overview-spool")).toHaveText(/^\d/);
});

test("settings: masked credentials, a field name saved, the call URL with the token, a connection verdict", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Настройки", exact: true })).toBeVisible();

  // A secret saved through the form comes back only masked.
  const gcForm = page.getByTestId("gc-form");
  await gcForm.locator("input[name=apiKey]").fill("e2e-secret-gc-key-9876");
  await gcForm.getByRole("button", { name: "Сохранить" }).click();
  await expect(gcForm.getByRole("status")).toHaveText("Сохранено.");
  await page.reload();
  const apiKey = page.getByTestId("field-settings.gc-apiKey");
  await expect(apiKey.getByTestId("masked")).toHaveText(/••••9876/);
  expect(await page.content()).not.toContain("e2e-secret-gc-key-9876");
  // Back to the environment's key, so the rest of the run keeps its GetCourse.
  await apiKey.locator("input[type=checkbox]").check();
  await page.getByTestId("gc-form").getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("gc-form").getByRole("status")).toHaveText("Сохранено.");

  const fields = page.getByTestId("fields-form");
  const name = `tg_e2e_${Date.now()}`;
  await fields.locator("input[name=telegram]").fill(name);
  await fields.getByRole("button", { name: "Сохранить" }).click();
  await expect(fields.getByRole("status")).toHaveText("Сохранено.");
  await page.reload();
  await expect(page.getByTestId("fields-form").locator("input[name=telegram]")).toHaveValue(name);
  await page.getByTestId("fields-form").locator("input[name=telegram]").fill("");
  await page.getByTestId("fields-form").getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("fields-form").getByRole("status")).toHaveText("Сохранено.");

  await expect(page.getByTestId("gc-call-url")).toContainText(
    `/api/webhooks/getcourse?token=${GC_WEBHOOK_TOKEN}&event=paid&deal_id={object.id}`,
  );
  await expect(page.getByTestId("sb-webhook-url")).toContainText(`/api/webhooks/salebot?token=${LINK_TOKEN}`);
  // Its own token, shown and rotatable beside the others; a fresh install takes no link token there.
  await expect(page.getByTestId("token-getcourse")).toBeVisible();
  await expect(page.getByTestId("legacy-gc-token").locator("input[name=accepted]")).not.toBeChecked();
  await expect(page.getByTestId("forwarding-form").locator("input[name=orderDetailsOnlyToProvenLinks]")).toBeVisible();

  await page.getByTestId("test-salebot").getByRole("button", { name: "Проверить подключение" }).click();
  await expect(page.getByTestId("test-salebot-verdict")).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId("test-salebot-verdict")).toHaveAttribute(
    "data-verdict",
    /^(ok|not_configured|wrong_key|unreachable|timeout|no_api|rate_limited|not_found|error)$/,
  );
});

test("settings: a refused delivery attempts value names the field and its bounds and stays as typed", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  const fwd = page.getByTestId("forwarding-form");
  const attempts = fwd.locator("input[name=maxAttempts]");
  const saved = await attempts.inputValue();
  // The browser's own min/max check is what a user usually meets; the server's answer is for
  // whatever gets past it (an old browser, a replayed POST).
  await fwd.evaluate((form) => {
    (form as HTMLFormElement).noValidate = true;
  });
  await attempts.fill("99999");
  await fwd.locator("input[name='activity.field']").fill("my_activity_field");
  await fwd.getByRole("button", { name: "Сохранить" }).click();
  await expect(fwd.getByRole("alert")).toHaveText("Не сохранено, проверьте значения: Попыток доставки: от 1 до 20");
  await expect(attempts).toHaveValue("99999");
  await expect(fwd.locator("input[name='activity.field']")).toHaveValue("my_activity_field");

  await attempts.fill(saved);
  await fwd.locator("input[name='activity.field']").fill("last_bot_message_at");
  await fwd.getByRole("button", { name: "Сохранить" }).click();
  await expect(fwd.getByRole("status")).toHaveText("Сохранено.");
  await expect(attempts).toHaveValue(saved);
});

test("settings: Salebot API calls per day, and the first-sight get_variables switch that states its cost", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  const card = page.getByTestId("salebot-usage");
  await expect(card.getByRole("heading", { name: "Вызовы Salebot API" })).toBeVisible();
  await expect(card.getByTestId("salebot-usage-table").locator("tbody tr[data-day]")).toHaveCount(14);
  await expect(card.getByTestId("salebot-variables-cost")).toContainText(/За последние 7 дней: \d+/);

  // A connection test is one get_clients call: it shows up in today's count after the next flush.
  const today = new Date().toISOString().slice(0, 10);
  const callsToday = async () =>
    Number(
      await page.getByTestId("salebot-usage").locator(`tr[data-day="${today}"] [data-metric=calls]`).textContent(),
    );
  const before = await callsToday();
  await page.getByTestId("test-salebot").getByRole("button", { name: "Проверить подключение" }).click();
  await expect(page.getByTestId("test-salebot-verdict")).toBeVisible({ timeout: 15_000 });
  await expect
    .poll(
      async () => {
        await page.reload();
        return callsToday();
      },
      { timeout: 20_000, intervals: [2_000] },
    )
    .toBeGreaterThan(before);

  const form = page.getByTestId("salebot-variables-form");
  const checkbox = form.locator("input[name=fetchOnFirstSight]");
  await expect(checkbox).toBeChecked();
  await checkbox.uncheck();
  await form.getByRole("button", { name: "Сохранить" }).click();
  await expect(form.getByRole("status")).toHaveText("Сохранено.");
  await page.reload();
  await expect(page.getByTestId("salebot-variables-form").locator("input[name=fetchOnFirstSight]")).not.toBeChecked();
  // Back on, as the rest of the run expects.
  await page.getByTestId("salebot-variables-form").locator("input[name=fetchOnFirstSight]").check();
  await page.getByTestId("salebot-variables-form").getByRole("button", { name: "Сохранить" }).click();
  await expect(page.getByTestId("salebot-variables-form").getByRole("status")).toHaveText("Сохранено.");
});

test("settings: personal start links are written for everyone from one button, with the run's progress", async ({
  adminPage: page,
}) => {
  await page.goto("/settings");
  const card = page.locator("#start-links");
  await expect(card.getByRole("heading", { name: "Персональные стартовые ссылки" })).toBeVisible();
  await expect(card).toContainText("tg_start_link");
  await card.getByTestId("start-links-form").getByRole("button", { name: "Записать ссылки всем" }).click();
  await expect(card.getByTestId("start-links-form").getByRole("status")).toContainText(/Запись #\d+ запущена/);
  const progress = card.getByTestId("start-link-progress");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("data-status", /running|done/);
});
