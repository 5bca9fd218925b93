import { type Browser, test as base, expect, type Page } from "@playwright/test";

/**
 * Signed-in pages for specs. `import { test, expect } from "./fixtures"`, then:
 *   test("…", async ({ adminPage }) => { await adminPage.goto("/settings"); … })
 *   test("…", async ({ page, signIn }) => { await signIn("marketer"); await page.goto("/analytics"); … })
 * Staff and marketer accounts are created once per worker through the Users page by the admin
 * (whom the e2e server creates from ADMIN_EMAIL/ADMIN_PASSWORD in playwright.config.ts).
 */

export type Role = "admin" | "staff" | "marketer";
export type Credentials = { email: string; password: string };

export const ADMIN: Credentials = { email: "admin@e2e.local", password: "e2e-admin-password" };

/** Signs `page` in through the login form and waits for the dashboard. */
export async function signInAs(page: Page, credentials: Credentials, next = "/"): Promise<void> {
  await page.goto(next === "/" ? "/login" : `/login?next=${encodeURIComponent(next)}`);
  await page.locator("#login-email").fill(credentials.email);
  await page.locator("#login-password").fill(credentials.password);
  await page.locator("form button[type=submit]").click();
  await expect(page.getByTestId("current-user")).toContainText(credentials.email);
}

/** The admin invites a user of `role` on /users; answers the e-mail and the one-time password. */
export async function inviteWithOneTimePassword(
  page: Page,
  role: Role,
  email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@e2e.local`,
): Promise<Credentials> {
  // The invite and the sign-ins and password changes that follow are bcrypt checks (about 100 ms
  // each alone): on a loaded machine the default 30 s runs out before the spec gets to its point.
  base.slow();
  await page.goto("/users");
  const form = page.getByTestId("invite-form");
  await form.locator("input[name=email]").fill(email);
  await form.locator("select[name=role]").selectOption(role);
  await form.locator("button[type=submit]").click();
  const password = (await form.getByTestId("one-time-password").textContent())?.trim() ?? "";
  expect(password).toMatch(/^[A-Za-z0-9]{16}$/);
  return { email, password };
}

/** On /account (signed in): replaces the password, as the forced first sign-in asks. */
export async function changeOwnPassword(page: Page, current: string, next: string): Promise<void> {
  const form = page.getByTestId("change-password");
  await form.locator("input[name=current]").fill(current);
  await form.locator("input[name=next]").fill(next);
  await form.locator("input[name=repeat]").fill(next);
  await form.locator("button[type=submit]").click();
}

/**
 * An invited user ready for specs: invited by the admin on `page`, then signed in once in a
 * browser of their own to replace the one-time password (which the hub asks before anything else).
 */
export async function inviteUser(page: Page, role: Role, email?: string): Promise<Credentials> {
  const invited = await inviteWithOneTimePassword(page, role, email);
  const own = { email: invited.email, password: `${invited.password}-own` };
  const browser = page.context().browser();
  if (!browser) throw new Error("inviteUser needs a page opened from a browser");
  const context = await browser.newContext();
  try {
    const userPage = await context.newPage();
    await signInAs(userPage, invited);
    await expect(userPage).toHaveURL(/\/account$/);
    await changeOwnPassword(userPage, invited.password, own.password);
    await expect(userPage).toHaveURL(/\/$/, { timeout: 15_000 });
  } finally {
    await context.close();
  }
  return own;
}

async function createAccount(browser: Browser, role: Role): Promise<Credentials> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await signInAs(page, ADMIN);
    return await inviteUser(page, role);
  } finally {
    await context.close();
  }
}

type WorkerFixtures = { accounts: (role: Role) => Promise<Credentials> };
type TestFixtures = { adminPage: Page; signIn: (role?: Role) => Promise<Credentials> };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  accounts: [
    async ({ browser }, provide) => {
      const made = new Map<Role, Promise<Credentials>>([["admin", Promise.resolve(ADMIN)]]);
      await provide((role) => {
        if (!made.has(role)) made.set(role, createAccount(browser, role));
        return made.get(role) as Promise<Credentials>;
      });
    },
    { scope: "worker" },
  ],
  signIn: async ({ page, accounts }, provide) => {
    await provide(async (role = "admin") => {
      const credentials = await accounts(role);
      await signInAs(page, credentials);
      return credentials;
    });
  },
  adminPage: async ({ page }, provide) => {
    await signInAs(page, ADMIN);
    await provide(page);
  },
});

export { expect };
