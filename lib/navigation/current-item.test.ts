import { expect, test } from "vitest";
import { currentItem } from "./current-item";

const ADMIN = ["/", "/links", "/links/relink", "/failures", "/analytics"];
const STAFF = ["/", "/links", "/failures", "/analytics"];

test("a page marks its own item, a nested page the nearest item the viewer has", () => {
  expect(currentItem("/", ADMIN)).toBe("/");
  expect(currentItem("/links", ADMIN)).toBe("/links");
  expect(currentItem("/links/relink", ADMIN)).toBe("/links/relink");
  expect(currentItem("/links/relink", STAFF)).toBe("/links");
  expect(currentItem("/failures/getcourse", ADMIN)).toBe("/failures");
  expect(currentItem("/failures/", ADMIN)).toBe("/failures");
});

test("the overview is not the parent of every page, and a prefix is not a parent", () => {
  expect(currentItem("/customers/100001-2000001", ADMIN)).toBeNull();
  expect(currentItem("/analyticsx", ADMIN)).toBeNull();
  expect(currentItem("/account", ADMIN)).toBeNull();
});
