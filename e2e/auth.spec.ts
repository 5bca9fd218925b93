import { ADMIN, expect, inviteUser, signInAs, test } from "./fixtures";

test("signed out, a dashboard page sends you to the login and back after signing in", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Вход" })).toBeVisible();

  await page.goto("/audit?action=user.invite");
  await expect(page).toHaveURL(/\/login\?next=%2Faudit%3Faction%3Duser\.invite$/);
  await page.locator("#login-email").fill(ADMIN.email);
  await page.locator("#login-password").fill(ADMIN.password);
  await page.locator("form button[type=submit]").click();
  await expect(page).toHaveURL(/\/audit\?action=user\.invite$/);
  await expect(page.getByRole("heading", { name: "Журнал действий" })).toBeVisible();
});

test("a wrong password shows an error, in English after the switch", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await page.locator("#login-email").fill(ADMIN.email);
  await page.locator("#login-password").fill("not-the-password");
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("login-error")).toHaveText("Wrong e-mail or password.");
  await expect(page).toHaveURL(/\/login$/);
});

test("the admin invites a marketer, who cannot open Users nor see it", async ({ page, browser }) => {
  await signInAs(page, ADMIN);
  await expect(page.getByRole("heading", { name: "Сводка" })).toBeVisible();
  await expect(page.getByTestId("current-user")).toContainText("администратор");
  const nav = page.getByRole("navigation", { name: "main" });
  await expect(nav.getByRole("link", { name: "Пользователи" })).toBeVisible();

  const marketer = await inviteUser(page, "marketer");
  await expect(page.getByTestId(`user-row-${marketer.email}`)).toBeVisible();

  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  await signInAs(page, marketer);
  await expect(page.getByTestId("current-user")).toContainText("маркетолог");
  await expect(page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Сводка" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Пользователи" })).toHaveCount(
    0,
  );
  await expect(
    page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Журнал действий" }),
  ).toHaveCount(0);

  const forbidden = await page.goto("/users");
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByTestId("forbidden")).toContainText("Нет доступа");
  await expect(page.getByTestId("invite-form")).toHaveCount(0);

  // The admin's invite is in the audit log, filterable by action.
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, ADMIN, "/audit?action=user.invite");
  await expect(adminPage.getByTestId("audit-table")).toContainText(marketer.email);
  await admin.close();
});

test("a deactivated user is signed out on their next request", async ({ page, browser }) => {
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, ADMIN);
  const staff = await inviteUser(adminPage, "staff");

  await signInAs(page, staff);
  const row = adminPage.getByTestId(`user-row-${staff.email}`);
  await row.getByRole("button", { name: "Отключить" }).click();
  await expect(row.getByText("отключён")).toBeVisible();
  await admin.close();

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
});
