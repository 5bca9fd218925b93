import type { Page, TestInfo } from "@playwright/test";
import { can, type Permission } from "../lib/auth/permissions";
import { expect, type Role, test } from "./fixtures";

// Every dashboard page for every role at a desktop and a phone width: the document is never
// wider than the window (wide tables scroll inside their own box), and in Russian no raw code
// (an error code, a GetCourse status, an event or audit action) shows where a person reads.

const WIDTHS = [
  { name: "desktop", width: 1440, height: 900 },
  { name: "phone", width: 390, height: 844 },
] as const;

const PAGES: { path: string; permission: Permission; screenshot?: string }[] = [
  { path: "/", permission: "overview.read", screenshot: "overview" },
  { path: "/links", permission: "links.read", screenshot: "links" },
  { path: "/links/relink", permission: "links.relink" },
  { path: "/failures", permission: "failures.read", screenshot: "failures" },
  { path: "/failures/getcourse", permission: "failures.read" },
  { path: "/deliveries", permission: "deliveries.read", screenshot: "deliveries" },
  { path: "/analytics", permission: "analytics.read", screenshot: "analytics" },
  { path: "/campaigns", permission: "campaigns.read", screenshot: "campaigns" },
  { path: "/settings", permission: "settings.manage" },
  { path: "/users", permission: "users.manage" },
  { path: "/audit", permission: "audit.read", screenshot: "audit" },
  { path: "/no-such-page", permission: "overview.read" },
];

// Codes the hub and GetCourse use; in the Russian UI each must appear as words. `code`, `pre` and
// inputs are exempt: they show what a person pastes or what was received, on purpose.
const RAW_CODES =
  /\b(user_not_found|field_telegram_id_not_found|field_salebot_id_not_found|gc_unavailable|gc_auth_failed|salebot_unavailable|internal_error|bad_request|conflict|part_payed|payed|waiting_for_return|order_created|order_paid|status_changed|link\.relink|link\.unlink|user\.invite|settings\.update|success|failed|queued|dead|pending|sent)\b/;

async function documentOverflow(page: Page): Promise<{ scrollWidth: number; innerWidth: number; widest: string[] }> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const widest = [...document.querySelectorAll<HTMLElement>("body *")]
      // The culprits: past the right edge and not clipped by a scrolling box of their own.
      .filter((element) => {
        if (element.getBoundingClientRect().right <= innerWidth + 1) return false;
        for (let box = element.parentElement; box; box = box.parentElement)
          if (getComputedStyle(box).overflowX !== "visible") return false;
        return true;
      })
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`.slice(0, 160));
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, widest };
  });
}

async function visibleRawCodes(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const main = document.querySelector("body");
    if (!main) return "";
    const clone = main.cloneNode(true) as HTMLElement;
    for (const exempt of clone.querySelectorAll("code, pre, input, textarea, select, script, style, [data-raw]"))
      exempt.remove();
    return clone.innerText || clone.textContent || "";
  });
  return text
    .split("\n")
    .filter((line) => RAW_CODES.test(line))
    .slice(0, 5);
}

async function customerCard(page: Page): Promise<string | null> {
  await page.goto("/links");
  const href = await page
    .getByTestId("customer-link")
    .first()
    .getAttribute("href")
    .catch(() => null);
  return href;
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await testInfo.attach(name, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
}

for (const role of ["admin", "staff", "marketer"] as const satisfies readonly Role[]) {
  for (const size of WIDTHS) {
    test(`layout: ${role} at ${size.width} px — no page is wider than the window, no raw code in Russian`, async ({
      page,
      signIn,
    }, testInfo) => {
      test.setTimeout(180_000);
      await page.setViewportSize({ width: size.width, height: size.height });
      await signIn(role);
      const user = { role };
      const paths = PAGES.filter((entry) => can(user, entry.permission));
      const card = can(user, "customers.read") ? await customerCard(page) : null;
      const visits = [
        ...paths,
        ...(card ? [{ path: card, permission: "customers.read" as const, screenshot: "customer" }] : []),
      ];

      const problems: string[] = [];
      for (const entry of visits) {
        await page.goto(entry.path);
        await page.waitForLoadState("networkidle");
        const overflow = await documentOverflow(page);
        if (overflow.scrollWidth > overflow.innerWidth)
          problems.push(
            `${entry.path}: ${overflow.scrollWidth} px wide in ${overflow.innerWidth} (${overflow.widest.join(" | ")})`,
          );
        const raw = await visibleRawCodes(page);
        if (raw.length > 0)
          problems.push(
            `${entry.path}: raw codes in ${raw.map((line) => JSON.stringify(line.slice(0, 120))).join(", ")}`,
          );
        if (role === "admin" && entry.screenshot)
          await screenshot(page, testInfo, `${entry.screenshot}-${size.width}px`);
      }
      expect(problems).toEqual([]);
    });
  }
}

/**
 * Where a row's buttons and links lie off screen: past the window, or past the table's own
 * scrolling box (so only sideways scrolling would reach them).
 */
async function offScreen(page: Page, row: string): Promise<string[]> {
  return page
    .locator(row)
    .locator("button, a")
    .evaluateAll((elements) =>
      elements.flatMap((element) => {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 && rect.height === 0) return [];
        let box = element.parentElement;
        while (box && getComputedStyle(box).overflowX === "visible") box = box.parentElement;
        const frame = box?.getBoundingClientRect();
        const left = Math.max(0, frame?.left ?? 0);
        const right = Math.min(window.innerWidth, frame?.right ?? window.innerWidth);
        if (rect.left >= left - 1 && rect.right <= right + 1) return [];
        return [
          `«${element.textContent?.trim().slice(0, 40)}» at ${Math.round(rect.left)}–${Math.round(rect.right)} px, visible ${Math.round(left)}–${Math.round(right)}`,
        ];
      }),
    );
}

for (const size of WIDTHS) {
  test(`layout: at ${size.width} px the first row's actions on /failures, /suggestions and /links are on screen`, async ({
    page,
    signIn,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: size.width, height: size.height });
    await signIn("admin");
    const problems: string[] = [];
    for (const [path, table, action] of [
      ["/failures", "failures-table", "button"],
      ["/suggestions", "suggestions-table", "button"],
      ["/links", "links-table", "a"],
    ] as const) {
      const row = `[data-testid="${table}"] tbody tr:first-child`;
      // The matcher fills /suggestions in the background after the server starts.
      await expect(async () => {
        await page.goto(path);
        await expect(page.locator(row).locator(action).first()).toBeAttached({ timeout: 1_000 });
      }).toPass({ timeout: 90_000 });
      problems.push(...(await offScreen(page, row)).map((problem) => `${path}: ${problem}`));
    }
    expect(problems).toEqual([]);
  });
}

test("on a phone the menu button opens the navigation and closes on Escape and on navigation", async ({
  page,
  signIn,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn("staff");
  await page.goto("/");
  const button = page.getByTestId("menu-button");
  const nav = page.getByRole("navigation", { name: "main" });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();

  await button.click();
  await expect(button).toHaveAttribute("aria-expanded", "true");
  await expect(nav.getByRole("link", { name: "Ошибки" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(nav).toBeHidden();
  await expect(button).toBeFocused();

  await button.click();
  await nav.getByRole("link", { name: "Доставки" }).click();
  await expect(page).toHaveURL(/\/deliveries$/);
  await expect(nav).toBeHidden();
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await expect(page).toHaveTitle(/^Доставки/);
});

test("an unknown address answers 404 in Russian, with the menu to go on", async ({ page, signIn }) => {
  await signIn("marketer");
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Страница не найдена" })).toBeVisible();
  await expect(page).toHaveTitle(/^Страница не найдена/);
  await expect(page.getByRole("navigation", { name: "main" }).getByRole("link", { name: "Аналитика" })).toBeVisible();
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute("href", /icon\.svg/);
});

test("the menu marks the current page, on the desktop and in the phone menu; a nested page marks its own item or its parent", async ({
  page,
  signIn,
}) => {
  await signIn("admin");
  const nav = page.getByRole("navigation", { name: "main" });
  const current = nav.locator('a[aria-current="page"]');
  for (const [path, item] of [
    ["/", "Сводка"],
    ["/failures", "Ошибки"],
    ["/failures/getcourse", "Ошибки"],
    ["/links/relink", "Перепривязка"],
  ] as const) {
    await page.goto(path);
    await expect(current, path).toHaveCount(1);
    await expect(current, path).toHaveText(item);
  }
  // Marked for sight too, not only for screen readers.
  const look = (name: string) =>
    nav.getByRole("link", { name, exact: true }).evaluate((link) => {
      const style = getComputedStyle(link);
      return `${style.backgroundColor} ${style.fontWeight} ${style.borderLeftColor}`;
    });
  expect(await look("Перепривязка")).not.toBe(await look("Связанные клиенты"));
  await page.goto("/customers/abc");
  await expect(current).toHaveCount(0);

  // Staff have no Relink item: the relink address is forbidden, so check a nested page they may open.
  await page.context().clearCookies();
  await signIn("staff");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/failures/getcourse");
  await page.getByTestId("menu-button").click();
  await expect(current).toHaveCount(1);
  await expect(current).toHaveText("Ошибки");
});

test("every no-access and not-found page says so in its tab title", async ({ page, signIn }) => {
  await signIn("marketer");
  for (const path of ["/suggestions", "/failures", "/settings", "/customers/100001-1"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page, path).toHaveTitle(/^Нет доступа/);
  }
  await page.context().clearCookies();
  await signIn("admin");
  for (const path of ["/customers/abc", "/customers/100001-999999999", "/no-such-page"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Страница не найдена" }), path).toBeVisible();
    await expect(page, path).toHaveTitle(/^Страница не найдена/);
  }
});
