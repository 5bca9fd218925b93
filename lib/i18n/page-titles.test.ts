import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";

// A page a role may not open shows the 403 card; its tab must say «Нет доступа» with it, which
// titledBy does only when it is given the same permission the page itself requires.
test("every page that requires a permission gives its title the same one", () => {
  const root = path.resolve(__dirname, "../../app");
  const pages = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith("page.tsx"));
  const checked: string[] = [];
  for (const file of pages) {
    const source = readFileSync(path.join(root, file), "utf8");
    const required = /requirePageUser\("([\w.]+)"\)/.exec(source)?.[1];
    if (!required) continue;
    checked.push(file);
    expect(source, file).toMatch(
      new RegExp(`titled(By|WhenFound)\\(\\s*"[\\w.]+",\\s*"${required.replace(".", "\\.")}"`),
    );
  }
  expect(checked.length).toBeGreaterThan(10);
});
