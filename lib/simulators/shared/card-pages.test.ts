import { afterAll, beforeAll, expect, test } from "vitest";
import { type GetCourseSimulator, startGetCourseSimulator } from "@/lib/simulators/getcourse/simulator";
import { gcDealCardUrl, gcUserCardUrl } from "@/lib/getcourse/urls";
import { type SalebotSimulator, startSalebotSimulator } from "@/lib/simulators/salebot/simulator";
import { salebotDialogUrl, salebotWebUrl } from "@/lib/salebot/urls";

// Demo mode: the hub's "open in GetCourse" and "open the Salebot dialog" links lead to the
// simulators, which answer at the real services' card addresses with a small HTML page.
let gc: GetCourseSimulator;
let sb: SalebotSimulator;

beforeAll(async () => {
  gc = await startGetCourseSimulator();
  sb = await startSalebotSimulator({ projectId: 77 });
});
afterAll(async () => {
  await Promise.all([gc.close(), sb.close()]);
});

async function page(url: string) {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get("content-type"), html: await response.text() };
}

test("GetCourse's user and deal cards show the user, their fields and deals, escaped", async () => {
  const field = gc.state.addField({ title: "telegram_id" });
  const user = gc.state.addUser({ email: "anna@school.test", firstName: "Anna <b>", fields: { telegram_id: "4242" } });
  const deal = gc.state.addDeal(
    { user: user.id, cost: 59000, productTitle: "Курс", status: "payed" },
    { silent: true },
  );

  const card = await page(gcUserCardUrl(gc.url, user.id));
  expect(card.status).toBe(200);
  expect(card.type).toContain("text/html");
  expect(card.html).toContain("anna@school.test");
  expect(card.html).toContain("Anna &lt;b&gt;");
  expect(card.html).toContain(`<th>${field.title}</th><td>4242</td>`);
  expect(card.html).toContain(`#${deal.number}`);

  const dealCard = await page(gcDealCardUrl(gc.url, deal.id));
  expect(dealCard.html).toContain("Курс");
  expect(dealCard.html).toContain("59000 RUB");
  expect((await page(gcUserCardUrl(gc.url, 1))).status).toBe(404);
});

test("Salebot's dialog page shows the client, its variables and messages; other projects are not found", async () => {
  const client = sb.state.addClient({ platformId: "7001", name: "Boris" });
  sb.state.saveVariables(client.id, { email: "boris@school.test" });
  sb.state.addHistory(client.id, { text: "Привет!", fromClient: true });

  const web = salebotWebUrl(sb.apiUrl);
  expect(web).toBe(sb.url);
  const dialog = await page(salebotDialogUrl(77, client.id, web));
  expect(dialog.status).toBe(200);
  expect(dialog.html).toContain("Boris");
  expect(dialog.html).toContain("boris@school.test");
  expect(dialog.html).toContain("Привет!");
  expect((await page(salebotDialogUrl(78, client.id, web))).status).toBe(404);
});

test("the real Salebot API keeps the real web UI", () => {
  expect(salebotWebUrl("https://chatter.salebot.pro/api")).toBe("https://salebot.pro");
  expect(salebotWebUrl(undefined)).toBe("https://salebot.pro");
  expect(salebotDialogUrl(1, 2)).toBe("https://salebot.pro/projects/1/clients/2");
});
