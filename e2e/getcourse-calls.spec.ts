import { expect, test } from "./fixtures";

// An unreadable GetCourse call: answered 200, listed for admins with the raw request (token
// hidden) and a fix hint, then re-processed with the deal id the admin types.
const GC_WEBHOOK_TOKEN = "e2e-gc-webhook-token-0123456789";

test("an unrecognised GetCourse event is kept, shown safely and re-processed", async ({ adminPage: page, request }) => {
  const email = `raw-${Date.now()}@school.test`;
  const answer = await request.get(
    `/api/webhooks/getcourse?token=${GC_WEBHOOK_TOKEN}&status=payed&email=${email}&note=%3Cb%3Ebold%3C%2Fb%3E`,
  );
  expect(answer.status()).toBe(200);
  expect(await answer.json()).toMatchObject({ success: true, stored: true, recognised: false, reason: "no_deal_id" });

  await page.goto("/failures");
  await page.getByTestId("failures-tab-getcourse").click();
  await expect(page).toHaveURL(/\/failures\/getcourse$/);
  await expect(page.getByRole("heading", { name: "Нераспознанные события GetCourse" })).toBeVisible();
  const card = page.getByTestId("gc-unreadable-call").filter({ hasText: email });
  await expect(card).toContainText("token=[redacted]");
  await expect(card).not.toContainText(GC_WEBHOOK_TOKEN);
  // Shown as text, never as markup.
  await expect(card).toContainText("<b>bold</b>");
  await expect(card.getByTestId("fix-hint")).toContainText("&deal_id={object.id}");

  await card.getByLabel("ID заказа (если его нет в запросе)").fill("990011");
  await card.getByRole("button", { name: "Обработать заново" }).click();
  // Handled: it leaves the open list for the handled one.
  await expect(page.getByTestId("gc-unreadable-call").filter({ hasText: email })).toHaveCount(0);
  await page.goto("/failures/getcourse?view=handled");
  await expect(page.getByTestId("gc-unreadable-call").filter({ hasText: email })).toContainText("заказ 990011");
});
