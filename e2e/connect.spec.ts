import { type APIRequestContext, expect, test } from "@playwright/test";

const LINK_TOKEN = "e2e-link-token-0123456789";

async function personalLink(request: APIRequestContext, sbId: string): Promise<URL> {
  const response = await request.get(`/api/link/url?sb_id=${sbId}&telegram_id=5550${sbId}`, {
    headers: { authorization: `Bearer ${LINK_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  const { url } = (await response.json()) as { url: string };
  const parsed = new URL(url);
  expect(parsed.pathname).toBe("/connect");
  expect(parsed.searchParams.get("t")).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  return parsed;
}

test("the link API needs the link token and a numeric sb_id", async ({ request }) => {
  expect((await request.get("/api/link/url?sb_id=1")).status()).toBe(401);
  const bad = await request.get("/api/link/url?sb_id=abc", { headers: { authorization: `Bearer ${LINK_TOKEN}` } });
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ success: false, error: "bad_request" });
});

test("a customer opens their personal link, switches language and submits an e-mail", async ({
  page,
  request,
  baseURL,
}) => {
  const link = await personalLink(request, "424242");
  // The link is built on the origin the bot called, which here is the test server.
  expect(link.origin).toBe(new URL(baseURL ?? "").origin);
  await page.goto(`${link.pathname}${link.search}`);

  await expect(page.getByRole("heading", { name: "Привязка аккаунта школы" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ru");
  // A customer page: no staff navigation.
  await expect(page.getByRole("navigation", { name: "main" })).toHaveCount(0);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Connect your school account" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Русский" }).click();
  await expect(page.getByRole("heading", { name: "Привязка аккаунта школы" })).toBeVisible();

  const email = page.getByLabel("E-mail");
  await email.fill("not-an-email");
  await page.getByRole("button", { name: "Связать" }).click();
  await expect(page.getByText("Это не похоже на e-mail")).toBeVisible();
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveValue("not-an-email");

  await email.fill("anna@example.ru");
  await page.getByRole("button", { name: "Связать" }).click();
  // Without SMTP every well-formed e-mail gets the same answer, known or not: the page never tells
  // which e-mails are a school's customers, nor any internal reason.
  await expect(page.getByRole("heading", { name: "Спасибо!" })).toBeVisible();
  await expect(page.getByText("Если этот e-mail есть в школе")).toBeVisible();
  await expect(page.getByText(/GetCourse|not configured|не нашли/i)).toHaveCount(0);
});

test("a tampered or missing link is refused with a friendly page and no form", async ({ page, request }) => {
  const link = await personalLink(request, "515151");
  const token = link.searchParams.get("t") ?? "";
  const [payload = "", signature = ""] = token.split(".");
  const other = (await personalLink(request, "999999")).searchParams.get("t")?.split(".")[0] ?? "";
  expect(other).not.toBe(payload);

  await page.goto(`/connect?t=${other}.${signature}`);
  await expect(page.getByRole("heading", { name: "Ссылка не работает" })).toBeVisible();
  await expect(page.getByText("Попросите у бота новую ссылку")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveCount(0);

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "This link does not work" })).toBeVisible();
  await page.getByRole("button", { name: "Русский" }).click();

  await page.goto("/connect");
  await expect(page.getByRole("heading", { name: "Ссылка не работает" })).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveCount(0);
});
