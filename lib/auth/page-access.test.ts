import { expect, test } from "vitest";
import { mayOpen, pagePermission } from "./page-access";

test("each page's permission, by its longest prefix, query and anchor ignored", () => {
  expect(pagePermission("/failures?code=conflict")).toBe("failures.read");
  expect(pagePermission("/links/relink?client=1")).toBe("links.relink");
  expect(pagePermission("/links?period=7d")).toBe("links.read");
  expect(pagePermission("/settings#getcourse")).toBe("settings.manage");
  expect(pagePermission("/account")).toBeNull();
});

test("a marketer's overview links only to what a marketer may open", () => {
  const marketer = { role: "marketer" as const };
  for (const href of [
    "/failures",
    "/failures?code=conflict",
    "/deliveries?status=pending",
    "/customers/1-2",
    "/links/relink",
  ])
    expect(mayOpen(marketer, href), href).toBe(false);
  for (const href of ["/", "/links?period=24h", "/analytics?from=2026-01-01", "/campaigns", "/account"])
    expect(mayOpen(marketer, href), href).toBe(true);
  expect(mayOpen({ role: "staff" }, "/failures")).toBe(true);
});
