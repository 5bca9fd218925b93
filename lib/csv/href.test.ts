import { expect, test } from "vitest";
import { csvExportHref } from "./href";

test("a Russian UI asks every export for semicolons; English keeps the commas", () => {
  expect(csvExportHref("/api/export/failures.csv", new URLSearchParams(), "ru")).toBe(
    "/api/export/failures.csv?sep=semicolon",
  );
  expect(csvExportHref("/api/export/failures.csv", new URLSearchParams(), "en")).toBe("/api/export/failures.csv");
  expect(csvExportHref("/api/export/links.csv", new URLSearchParams({ q: "a b", sep: "comma" }), "en")).toBe(
    "/api/export/links.csv?q=a+b",
  );
  expect(csvExportHref("/api/export/orders.csv", new URLSearchParams({ paid: "paid" }), "ru")).toBe(
    "/api/export/orders.csv?paid=paid&sep=semicolon",
  );
});
