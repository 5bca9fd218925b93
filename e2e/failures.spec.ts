import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/** The demo seeds failures of every kind when the server starts; wait until they are there. */
async function openWhenSeeded(page: Page, path: string, testId: string): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByTestId(testId)).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
}

test("failures are grouped by code with a fix hint; one is retried", async ({ adminPage: page }) => {
  await openWhenSeeded(page, "/failures", "failure-group-user_not_found");
  await expect(page.getByRole("heading", { name: "Ошибки связки" })).toBeVisible();
  const group = page.getByTestId("failure-group-user_not_found");
  await expect(group).toContainText(/Открытых: \d+/);
  await expect(group.getByTestId("fix-hint")).toContainText("В GetCourse нет пользователя с таким e-mail");
  // A conflict offers a relink, not a retry.
  await expect(page.getByTestId("failure-group-conflict")).toContainText("Перепривязать");
  await expect(page.getByTestId("failure-group-conflict").getByRole("button")).toHaveCount(0);

  await group.getByRole("link", { name: "Показать" }).click();
  await expect(page).toHaveURL(/[?&]code=user_not_found/);
  const row = page.getByTestId("failures-table").locator("tbody tr").first();
  await expect(row).toContainText("Пользователь не найден в GetCourse");
  const email = (await row.locator("td").nth(2).textContent())?.trim() ?? "";
  await row.getByRole("button", { name: "Повторить" }).click();
  // GetCourse still has no such user: the retry runs through the pipeline and says so, with the hint itself.
  await expect(row.getByRole("alert")).toContainText(
    /Снова не получилось \(Пользователь не найден в GetCourse\).*В GetCourse нет пользователя/,
  );

  // Still one open failure for this e-mail, now counting the retry; no duplicate opened.
  await page.goto(`/failures?code=user_not_found&q=${encodeURIComponent(email)}`);
  const rows = page.getByTestId("failures-table").locator("tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId("retry-count")).toContainText("повторов: 1");
});

test("a failure's detail reads in Russian, and its client opens the customer card", async ({ adminPage: page }) => {
  await openWhenSeeded(page, "/failures?code=conflict", "failures-table");
  const row = page.getByTestId("failures-table").locator("tbody tr").first();
  // The hub's own sentence, translated; no English folded under it.
  await expect(row.getByTestId("detail-translated")).toContainText("уже связан с");
  await expect(row.locator("[data-raw]")).toHaveCount(0);
  const client = row.getByTestId("failure-customer");
  const id = (await client.textContent())?.match(/\d+/)?.[0] ?? "";
  await client.click();
  await expect(page).toHaveURL(new RegExp(`/customers/\\d+-${id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.locator("body")).not.toContainText("is already linked");
});

test("a conflict is relinked: preview, confirm, success and the audit entry", async ({ adminPage: page }) => {
  await openWhenSeeded(page, "/failures?code=conflict", "failure-group-conflict");
  const row = page.getByTestId("failures-table").locator("tbody tr").first();
  await row.getByRole("link", { name: "Перепривязать" }).click();
  await expect(page).toHaveURL(/\/links\/relink\?project=\d+&client=\d+&email=/);
  const client = new URL(page.url()).searchParams.get("client") ?? "";
  const email = new URL(page.url()).searchParams.get("email") ?? "";

  const preview = page.getByTestId("relink-preview");
  await expect(preview).toContainText("GetCourse: пользователь найден, оба поля есть.");
  await expect(preview).toContainText(`E-mail связан с клиентом:`);
  const changes = preview.getByTestId("relink-changes");
  await expect(changes).toContainText("telegram_id");
  await expect(changes).toContainText(/sb_\d+_id/);
  await expect(changes).toContainText("gc_user_id");
  // Who and which field in words: no "client 123", no bare "link".
  await expect(changes).toContainText(`клиент Salebot ${client}`);
  await expect(changes).toContainText("переменная «email»");
  await expect(changes).not.toContainText(/\bclient \d|\blink\b/);

  await page.getByTestId("relink-confirm").getByRole("button", { name: "Подтвердить перепривязку" }).click();
  // The state as stored now, with the customer card and the audit entry one click away.
  const done = page.getByTestId("relink-done");
  await expect(done).toContainText(`Сейчас клиент ${client} связан с ${email}`);
  await expect(done.getByTestId("relink-done-customer")).toHaveAttribute(
    "href",
    new RegExp(`^/customers/\\d+-${client}$`),
  );

  await done.getByTestId("relink-done-audit").click();
  await expect(page).toHaveURL(/\/audit\?id=\d+$/);
  const audit = page.getByTestId("audit-table");
  await expect(audit.locator(":scope > tbody > tr")).toHaveCount(1);
  await expect(audit).toContainText("перепривязка клиента — клиент Salebot");
  await expect(audit).toContainText(client);
  await expect(audit).toContainText(email);
  // The client's link before and after, and the field writes as rows, never JSON.
  await expect(audit.getByTestId("audit-change")).toContainText(`Клиент Salebot с этим e-mail`);
  await expect(audit.getByTestId("audit-writes")).toContainText(`GetCourse · ${email} · поле «telegram_id»`);
  await expect(audit).not.toContainText(/[{}]|— → —/);

  // Reopened, the same relink has nothing left to do.
  await page.goto(`/links/relink?client=${client}&email=${encodeURIComponent(email)}`);
  await expect(page.getByTestId("relink-noop")).toBeVisible();
});
