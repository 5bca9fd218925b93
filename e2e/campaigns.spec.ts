import { expect, test } from "./fixtures";

test("a marketer creates a campaign, sees both links and finds it in the list", async ({ page, signIn }) => {
  await signIn("marketer");
  await page.goto("/campaigns");
  await expect(page.getByRole("heading", { name: "Кампании" })).toBeVisible();

  const code = `e2e_${Date.now()}`;
  const form = page.getByTestId("campaign-form");
  // A bad code is refused beside its field, and nothing typed is lost.
  await form.locator("input[name=name]").fill("Весенний вебинар");
  await form.locator("input[name=bot]").fill("@school_bot");
  await form.locator("input[name=startCode]").fill("bad code");
  await form.locator("input[name=utmSource]").fill("vk");
  await form.locator("button[type=submit]").click();
  await expect(form.getByTestId("campaign-error-startCode")).toBeVisible();
  await expect(form.locator("input[name=name]")).toHaveValue("Весенний вебинар");

  await form.locator("select[name=kind]").selectOption("salebot_link");
  await form.locator("input[name=salebotLink]").fill("school_1");
  await form.locator("input[name=startCode]").fill(code);
  await form.locator("input[name=utmMedium]").fill("cpc");
  await form.locator("button[type=submit]").click();

  const created = page.getByTestId("campaign-created");
  await expect(created.getByTestId("created-telegram-link")).toHaveText(`https://t.me/school_bot?start=${code}`);
  await expect(created.getByTestId("created-salebot-link")).toHaveText(
    `https://salebot.pro/r/school_1?utm_source=vk&utm_medium=cpc&hub_campaign=${code}`,
  );

  const row = page.getByTestId(`campaign-row-${code}`);
  await expect(row).toContainText("Весенний вебинар");
  await expect(row.getByTestId("campaign-telegram-link")).toHaveText(`https://t.me/school_bot?start=${code}`);
  await expect(row.getByTestId("campaign-clients")).toHaveText("0");
});

test("staff see the list but no create form", async ({ page, signIn }) => {
  await signIn("staff");
  await page.goto("/campaigns");
  await expect(page.getByTestId("campaigns-table")).toBeVisible();
  await expect(page.getByTestId("campaign-form")).toHaveCount(0);
});
