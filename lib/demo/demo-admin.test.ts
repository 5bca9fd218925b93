import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "vitest";
import { DEMO_ADMIN_EMAIL, ensureDemoAdmin, ensureDemoSecrets } from "@/lib/demo/secrets";

const fileIn = () => path.join(mkdtempSync(path.join(tmpdir(), "hub-demo-admin-")), "secrets.json");

test("demo admin: generated once and kept beside the other secrets, which keep theirs", () => {
  const file = fileIn();
  const secrets = ensureDemoSecrets({}, file);
  const first = ensureDemoAdmin({}, file);
  expect(first).toMatchObject({ ADMIN_EMAIL: DEMO_ADMIN_EMAIL, generated: true });
  expect(first?.ADMIN_PASSWORD.length).toBeGreaterThanOrEqual(12);
  expect(ensureDemoAdmin({}, file)).toEqual(first);
  expect(ensureDemoSecrets({}, file)).toEqual(secrets);
  expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ ...secrets, ADMIN_EMAIL: DEMO_ADMIN_EMAIL });
});

test("demo admin: configured values win; half a configuration is left to the auth set-up", () => {
  const file = fileIn();
  writeFileSync(file, "{}\n");
  expect(ensureDemoAdmin({ ADMIN_EMAIL: "boss@school.ru", ADMIN_PASSWORD: "long-password" }, file)).toEqual({
    ADMIN_EMAIL: "boss@school.ru",
    ADMIN_PASSWORD: "long-password",
    generated: false,
  });
  expect(ensureDemoAdmin({ ADMIN_EMAIL: "boss@school.ru" }, file)).toBeNull();
  expect(readFileSync(file, "utf8")).toBe("{}\n");
});
