import { expect, test } from "./fixtures";

test("the overview shows the hub's state in Russian, and English on the switch", async ({ adminPage: page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Сводка" })).toBeVisible();
  await expect(page.getByTestId("db-status")).toHaveText("работает");
  await expect(
    page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Связанные клиенты" }),
  ).toBeVisible();
  await expect(page.getByText("Связанных клиентов", { exact: true })).toBeVisible();
  // The total of linked customers opens the whole list, and says what it counts.
  await expect(page.getByTestId("overview-links-total")).toHaveAttribute("href", "/links");
  await expect(page.getByTestId("overview-links-total")).toHaveText(/^\d[\d\s\u00a0]*$/);
  await expect(page.getByText(/всего — клиенты Salebot, связанные с пользователем GetCourse сейчас/)).toBeVisible();

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.getByTestId("db-status")).toHaveText("up");

  await page.reload();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("health is public; metrics need the read token or an admin's session", async ({ request, adminPage }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok", db: "ok" });

  const anonymous = await request.get("/api/metrics");
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({ success: false, error: "unauthorized" });

  const metrics = await request.get("/api/metrics", { headers: { authorization: "Bearer e2e-read-token-0123456789" } });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toContain("hub_http_requests_total");

  // The page's request context carries the session cookie.
  expect((await adminPage.request.get("/api/metrics")).status()).toBe(200);
});
