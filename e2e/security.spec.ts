import { type APIResponse, type Page } from "@playwright/test";
import { ADMIN, expect, signInAs, test } from "./fixtures";

/**
 * Issue 8's security checks that need the real server: the headers on pages and APIs, the session
 * cookie's flags, no CSP violations on the main pages, and hostile text rendered inert.
 */

const LINK_TOKEN = "e2e-link-token-0123456789";

function expectSecurityHeaders(response: APIResponse, referrer = "strict-origin-when-cross-origin"): void {
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  for (const directive of [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ]) {
    expect(csp, `CSP of ${response.url()}`).toContain(directive);
  }
  // Production: no eval.
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe(referrer);
  expect(headers["permissions-policy"]).toContain("camera=()");
  // The e2e server is plain http: HSTS there would lock browsers out of a plain-http install.
  expect(headers["strict-transport-security"]).toBeUndefined();
  expect(headers["x-powered-by"]).toBeUndefined();
}

test("pages and API answers carry the security headers", async ({ request }) => {
  for (const path of ["/login", "/api/health", "/api/analytics/funnel", "/api/link/url?sb_id=1"]) {
    expectSecurityHeaders(await request.get(path, { maxRedirects: 0 }));
  }
  // Signed out, / redirects to the login page; the redirect carries them too.
  expectSecurityHeaders(await request.get("/", { maxRedirects: 0 }));
  // The personal-link form keeps its stricter referrer policy.
  expectSecurityHeaders(await request.get("/connect?t=broken"), "no-referrer");
});

test("the lean paths (Salebot webhook, POST /api/link) answer with nosniff and the error envelope", async ({
  request,
}) => {
  for (const path of ["/api/webhooks/salebot", "/api/link"]) {
    const response = await request.post(path, { data: "not json", headers: { "content-type": "application/json" } });
    expect(response.status(), path).toBe(401);
    expect(response.headers()["x-content-type-options"]).toBe("nosniff");
    expect(await response.json()).toMatchObject({ success: false, error: "unauthorized" });
  }
  const malformed = await request.post(`/api/link?token=${LINK_TOKEN}`, {
    data: "not json",
    headers: { "content-type": "application/json" },
  });
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ success: false, error: "bad_request" });
  // What Node's parser refuses before any handler runs gets the envelope too.
  const tooLong = await request.post(`/api/link?token=${"x".repeat(20_000)}`, { data: {} });
  expect(tooLong.status()).toBe(431);
  expect(await tooLong.json()).toMatchObject({ success: false, error: "headers_too_large" });
});

test("the session cookie is HttpOnly and SameSite=Lax (Secure only behind https)", async ({ page, context }) => {
  await signInAs(page, ADMIN);
  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("next-auth.session-token"));
  expect(session, "the session cookie").toBeDefined();
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");
  expect(session?.secure).toBe(false);
  expect(session?.name.startsWith("__Secure-")).toBe(false);
});

/** CSP violations and alert() calls on a page, recorded from its first script on. */
async function watch(page: Page): Promise<{ violations: string[]; dialogs: string[] }> {
  const seen = { violations: [] as string[], dialogs: [] as string[] };
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text()))
      seen.violations.push(message.text());
  });
  page.on("dialog", async (dialog) => {
    seen.dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.exposeFunction("reportCspViolation", (text: string) => seen.violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return seen;
}

test("no CSP violations on /login, the overview and /connect", async ({ page, request }) => {
  const seen = await watch(page);
  await page.goto("/login");
  await expect(page.locator("#login-email")).toBeVisible();
  await signInAs(page, ADMIN);
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  const answer = await request.get(`/api/link/url?sb_id=4242&telegram_id=99`, {
    headers: { authorization: `Bearer ${LINK_TOKEN}` },
  });
  const { url } = (await answer.json()) as { url: string };
  const connect = new URL(url);
  await page.goto(`${connect.pathname}${connect.search}`);
  await expect(page.locator("input[type=email], input[name=email]").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(seen.violations).toEqual([]);
});

test("hostile names are stored as text and render inert", async ({ page, request }) => {
  const SCRIPT = "<script>alert(1)</script>";
  const FORMULA = '=HYPERLINK("http://x","y")';
  const stored = await request.post(`/api/webhooks/salebot?token=${LINK_TOKEN}`, {
    data: {
      id: 990001,
      message: SCRIPT,
      is_input: 1,
      client: { id: 990001, recepient: "990001", client_type: 1, name: SCRIPT, tag: FORMULA },
    },
  });
  expect(stored.status()).toBe(200);
  const seen = await watch(page);
  await signInAs(page, ADMIN);
  // Reflected too: the search box shows the query it was given.
  for (const path of ["/", `/links?q=${encodeURIComponent(SCRIPT)}`, `/analytics?groupBy=start_param`]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    // Any <script> built from the text would be an inline script whose whole body is alert(1).
    const injected = await page.evaluate(
      () => [...document.querySelectorAll("script")].filter((s) => s.textContent?.trim() === "alert(1)").length,
    );
    expect(injected, path).toBe(0);
  }
  expect(seen.dialogs).toEqual([]);
  expect(seen.violations).toEqual([]);
});
