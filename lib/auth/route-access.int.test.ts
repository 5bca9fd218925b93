import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { TEST_GETCOURSE_WEBHOOK_TOKEN, TEST_LINK_TOKEN, TEST_READ_TOKEN } from "@/lib/testing/database-per-file";
import { type Permission, type Role, ROLES, rolesWith } from "./permissions";
import { signedInAs } from "./test-session";

/**
 * Every page, route handler and server-action file in app/, and who may reach it. A file missing
 * from these tables fails the test: adding a route means deciding its access here.
 */

type RouteAccess =
  | { kind: "public"; why: string; call: boolean }
  | { kind: "linkToken" }
  /** The GetCourse webhook's own token (GETCOURSE_WEBHOOK_TOKEN), not the link token. */
  | { kind: "getcourseWebhookToken" }
  | { kind: "readToken" }
  | { kind: "session"; permission: Permission }
  | { kind: "sessionOrReadToken"; permission: Permission };

/** `signedIn`: any role, e.g. one's own account; still open before a forced password change. */
type PageAccess =
  { kind: "public"; why: string } | { kind: "session"; permission: Permission } | { kind: "signedIn"; why: string };

type ActionAccess =
  | { kind: "public"; why: string }
  | { kind: "session"; permission: Permission | Permission[] }
  | { kind: "signedIn"; why: string };

const ROUTES: Record<string, RouteAccess> = {
  // Analytics: BI tools with the read token, people on the analytics page with a session.
  "app/api/analytics/funnel/route.ts": { kind: "sessionOrReadToken", permission: "analytics.read" },
  "app/api/export/orders.csv/route.ts": { kind: "sessionOrReadToken", permission: "analytics.read" },
  "app/api/health/route.ts": { kind: "public", why: "monitoring", call: true },
  // next-auth's own endpoints run only inside Next's request scope; the credentials check is
  // covered by lib/auth/credentials.int.test.ts and the e2e.
  "app/api/auth/[...nextauth]/route.ts": { kind: "public", why: "signing in", call: false },
  "app/api/link/route.ts": { kind: "linkToken" },
  "app/api/link/url/route.ts": { kind: "linkToken" },
  "app/api/link/start-link/route.ts": { kind: "linkToken" },
  "app/api/webhooks/salebot/route.ts": { kind: "linkToken" },
  "app/api/webhooks/getcourse/route.ts": { kind: "getcourseWebhookToken" },
  "app/api/metrics/route.ts": { kind: "sessionOrReadToken", permission: "metrics.read" },
  "app/api/export/failures.csv/route.ts": { kind: "sessionOrReadToken", permission: "failures.read" },
  "app/api/export/links.csv/route.ts": { kind: "sessionOrReadToken", permission: "links.read" },
};

const PAGES: Record<string, PageAccess> = {
  "app/(dashboard)/analytics/page.tsx": { kind: "session", permission: "analytics.read" },
  "app/login/page.tsx": { kind: "public", why: "the way in" },
  "app/connect/page.tsx": { kind: "public", why: "customers, with a signed personal link" },
  "app/(dashboard)/page.tsx": { kind: "session", permission: "overview.read" },
  "app/(dashboard)/users/page.tsx": { kind: "session", permission: "users.manage" },
  "app/(dashboard)/audit/page.tsx": { kind: "session", permission: "audit.read" },
  "app/(dashboard)/campaigns/page.tsx": { kind: "session", permission: "campaigns.read" },
  "app/(dashboard)/failures/page.tsx": { kind: "session", permission: "failures.read" },
  "app/(dashboard)/failures/getcourse/page.tsx": { kind: "session", permission: "failures.read" },
  "app/(dashboard)/suggestions/page.tsx": { kind: "session", permission: "suggestions.read" },
  "app/(dashboard)/links/relink/page.tsx": { kind: "session", permission: "links.relink" },
  "app/(dashboard)/deliveries/page.tsx": { kind: "session", permission: "deliveries.read" },
  "app/(dashboard)/links/page.tsx": { kind: "session", permission: "links.read" },
  "app/(dashboard)/customers/[id]/page.tsx": { kind: "session", permission: "customers.read" },
  "app/(dashboard)/settings/page.tsx": { kind: "session", permission: "settings.manage" },
  "app/(dashboard)/account/page.tsx": { kind: "signedIn", why: "everyone's own password" },
};

const ACTIONS: Record<string, ActionAccess> = {
  "app/connect/actions.ts": { kind: "public", why: "customers; checks the signed link itself" },
  "app/(dashboard)/users/actions.ts": { kind: "session", permission: "users.manage" },
  "app/(dashboard)/campaigns/actions.ts": { kind: "session", permission: "campaigns.write" },
  "app/(dashboard)/failures/actions.ts": { kind: "session", permission: ["failures.retry", "failures.dismiss"] },
  "app/(dashboard)/failures/getcourse/actions.ts": { kind: "session", permission: "failures.retry" },
  "app/(dashboard)/suggestions/actions.ts": { kind: "session", permission: "suggestions.decide" },
  "app/(dashboard)/links/relink/actions.ts": { kind: "session", permission: "links.relink" },
  "app/(dashboard)/deliveries/actions.ts": { kind: "session", permission: "deliveries.retry" },
  "app/(dashboard)/settings/actions.ts": { kind: "session", permission: ["settings.manage", "backfill.run"] },
  "app/(dashboard)/account/actions.ts": { kind: "signedIn", why: "everyone's own password" },
};

const ROOT = process.cwd();
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    return entry.isDirectory() ? walk(relative) : [relative];
  });
}

const files = walk("app");
const routeFiles = files.filter((file) => /\/route\.(ts|tsx|js)$/.test(file));
const pageFiles = files.filter((file) => /\/page\.(ts|tsx|js|jsx)$/.test(file));
const actionFiles = files.filter(
  (file) => /\.(ts|tsx)$/.test(file) && /^\s*["']use server["']/.test(readFileSync(path.join(ROOT, file), "utf8")),
);

const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** app/api/webhooks/[kind]/route.ts → /api/webhooks/x; route groups vanish. */
function urlOf(file: string): string {
  const segments = file
    .replace(/^app\//, "")
    .replace(/\/route\.\w+$/, "")
    .split("/")
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => (s.startsWith("[") ? "x" : s));
  return `http://hub.test/${segments.join("/")}`;
}

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function handlersOf(file: string): Promise<[string, Handler][]> {
  const mod = (await import(/* @vite-ignore */ path.join(ROOT, file))) as Record<string, unknown>;
  return METHODS.filter((method) => typeof mod[method] === "function").map((method) => [
    method,
    mod[method] as Handler,
  ]);
}

async function call(
  handler: Handler,
  method: string,
  file: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const body = method === "GET" || method === "DELETE" ? undefined : "{}";
  const request = new Request(urlOf(file), {
    method,
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const response = await handler(request, { params: Promise.resolve({}) });
  return response.status;
}

process.env.AUTH_SECRET ??= "int-test-auth-secret-0123456789";
const cookies = {} as Record<Role, string>;

beforeAll(async () => {
  for (const role of ROLES) cookies[role] = (await signedInAs(role)).cookie;
});

describe("the tables cover the app", () => {
  test("every route handler has an access policy", () => {
    expect(
      routeFiles.filter((file) => !(file in ROUTES)),
      "route.ts files missing from ROUTES",
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((file) => !routeFiles.includes(file)),
      "stale ROUTES entries",
    ).toEqual([]);
  });
  test("every page has an access policy", () => {
    expect(
      pageFiles.filter((file) => !(file in PAGES)),
      "page.tsx files missing from PAGES",
    ).toEqual([]);
    expect(
      Object.keys(PAGES).filter((file) => !pageFiles.includes(file)),
      "stale PAGES entries",
    ).toEqual([]);
  });
  test("every server-action file has an access policy", () => {
    expect(
      actionFiles.filter((file) => !(file in ACTIONS)),
      "'use server' files missing from ACTIONS",
    ).toEqual([]);
  });
});

describe("pages check the session themselves", () => {
  test("the dashboard frame requires a signed-in user", () => {
    expect(source("app/(dashboard)/layout.tsx")).toContain("requirePageUser(");
  });
  test.each(Object.entries(PAGES))("%s", (file, access) => {
    if (access.kind === "public") {
      // A public page inside the dashboard group would still sit behind its sign-in frame.
      expect(file.startsWith("app/(dashboard)/")).toBe(false);
      return;
    }
    expect(file.startsWith("app/(dashboard)/"), "session pages live in the dashboard group").toBe(true);
    expect(source(file)).toContain(
      access.kind === "signedIn" ? "requirePageUser()" : `requirePageUser("${access.permission}")`,
    );
  });
});

describe("server actions check the session themselves", () => {
  test.each(Object.entries(ACTIONS).filter(([, a]) => a.kind === "session"))("%s", (file, access) => {
    if (access.kind !== "session") return;
    const exported = source(file)
      .split(/(?=export async function )/)
      .filter((chunk) => chunk.startsWith("export async function "));
    expect(exported.length).toBeGreaterThan(0);
    const allowed = Array.isArray(access.permission) ? access.permission : [access.permission];
    for (const chunk of exported) {
      const name = chunk.match(/export async function (\w+)/)?.[1];
      // runAction and readAction (lib/auth/server-action.ts) call requireActionUser before anything else.
      const checks = allowed.some((permission) =>
        new RegExp(`(requireActionUser|runAction|readAction)(<\\w+>)?\\(\\s*"${permission}"`).test(chunk),
      );
      expect(
        checks,
        `${name} must call requireActionUser or runAction(${allowed.map((p) => `"${p}"`).join(" or ")}) first`,
      ).toBe(true);
    }
  });

  test("runAction checks the session and permission before it runs the action", () => {
    const body = source("lib/auth/server-action.ts");
    expect(body.indexOf("await requireActionUser(permission)")).toBeGreaterThan(0);
    expect(body.indexOf("await requireActionUser(permission)")).toBeLessThan(body.indexOf("await run("));
    // A refusal is the form's answer (lib/auth/server-action.int.test.ts), not a thrown 500.
    expect(body.indexOf("accessRefusal(error, t)")).toBeGreaterThan(
      body.indexOf("await requireActionUser(permission)"),
    );
  });

  test.each(Object.entries(ACTIONS).filter(([, a]) => a.kind === "signedIn"))("%s", (file) => {
    const exported = source(file)
      .split(/(?=export async function )/)
      .filter((chunk) => chunk.startsWith("export async function "));
    expect(exported.length).toBeGreaterThan(0);
    for (const chunk of exported) expect(chunk, chunk.slice(0, 60)).toContain("requireSignedInActionUser()");
  });
});

describe("route handlers answer 401 without credentials", () => {
  test.each(Object.entries(ROUTES))("%s", async (file, access) => {
    if (access.kind === "public") {
      if (!access.call) return;
      for (const [method, handler] of await handlersOf(file))
        expect([401, 403], method).not.toContain(await call(handler, method, file));
      return;
    }
    const handlers = await handlersOf(file);
    expect(handlers.length).toBeGreaterThan(0);
    for (const [method, handler] of handlers) {
      expect(await call(handler, method, file), `${method} with nothing`).toBe(401);
      expect(
        await call(handler, method, file, { authorization: "Bearer wrong-token-0123456789" }),
        `${method} with a wrong token`,
      ).toBe(401);
      if (access.kind === "linkToken" || access.kind === "readToken" || access.kind === "getcourseWebhookToken") {
        // A browser session opens no token-only endpoint.
        expect(await call(handler, method, file, { cookie: cookies.admin }), `${method} with a session`).toBe(401);
      }
    }
  });
});

describe("route handlers let in exactly whom the table says", () => {
  const sessionRoutes = Object.entries(ROUTES).filter(
    (entry): entry is [string, Extract<RouteAccess, { permission: Permission }>] =>
      entry[1].kind === "session" || entry[1].kind === "sessionOrReadToken",
  );
  test.each(sessionRoutes)("%s", async (file, access) => {
    for (const [method, handler] of await handlersOf(file)) {
      for (const role of ROLES) {
        const allowed = rolesWith(access.permission).includes(role);
        // Only reads are called as an allowed user: a POST would change something.
        if (allowed && method !== "GET") continue;
        const status = await call(handler, method, file, { cookie: cookies[role] });
        if (allowed) expect([401, 403], `${method} as ${role}`).not.toContain(status);
        else expect(status, `${method} as ${role}`).toBe(403);
      }
      if (access.kind === "sessionOrReadToken" && method === "GET") {
        expect([401, 403]).not.toContain(
          await call(handler, method, file, { authorization: `Bearer ${TEST_READ_TOKEN}` }),
        );
      }
    }
  });

  test("each token opens only its own routes: the GetCourse webhook token is no link token, and back", async () => {
    for (const [file, access] of Object.entries(ROUTES)) {
      if (access.kind !== "linkToken" && access.kind !== "getcourseWebhookToken") continue;
      const foreign = access.kind === "linkToken" ? TEST_GETCOURSE_WEBHOOK_TOKEN : TEST_LINK_TOKEN;
      for (const [method, handler] of await handlersOf(file)) {
        expect(
          await call(handler, method, file, { authorization: `Bearer ${foreign}` }),
          `${method} ${file} with the other token`,
        ).toBe(401);
      }
    }
  });

  test("token routes accept their token", async () => {
    const [[, handler] = []] = await handlersOf("app/api/link/url/route.ts");
    expect(handler).toBeDefined();
    if (handler)
      expect(
        await call(handler, "GET", "app/api/link/url/route.ts", { authorization: `Bearer ${TEST_LINK_TOKEN}` }),
      ).not.toBe(401);
  });
});
