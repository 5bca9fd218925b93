import { expect, test } from "vitest";
import { loginUrl, safeNextPath } from "./next-path";

test.each([
  ["/users", "/users"],
  ["/audit?page=2&action=user.invite", "/audit?page=2&action=user.invite"],
  ["//evil.example", "/"],
  ["/\\evil.example", "/"],
  ["https://evil.example/x", "/"],
  ["users", "/"],
  ["/login?next=/users", "/"],
  ["/api/metrics", "/"],
  ["/x\nSet-Cookie: a", "/"],
  [undefined, "/"],
  [["/users"], "/"],
])("safeNextPath(%j) is %j", (given, expected) => {
  expect(safeNextPath(given)).toBe(expected);
});

test("the login URL carries the way back", () => {
  expect(loginUrl("/users?x=1")).toBe("/login?next=%2Fusers%3Fx%3D1");
  expect(loginUrl("/")).toBe("/login");
});
