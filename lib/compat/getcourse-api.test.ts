import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createGetCourseClient } from "@/lib/getcourse";
import { isOutboundError } from "@/lib/outbound/errors";

/**
 * The compatibility corpus (issue 12): answers of GetCourse's APIs quoted from public sources, each
 * file naming its source, replayed over HTTP to the hub's real client. A new quirk reported from
 * Settings ("unreadable answers") becomes one more file here.
 */

const FIXTURES_DIR = path.join(import.meta.dirname, "fixtures/getcourse/api");

const fixtureSchema = z.object({
  source: z.array(z.string().min(10)).min(1),
  call: z.enum([
    "getUserCustomFields",
    "updateUserCustomFields",
    "getUser",
    "getPersonalManagers",
    "importUser",
    "getFieldDictionary",
    "fetchExport",
  ]),
  http: z.object({ status: z.number(), body: z.unknown() }),
  expect: z.record(z.string(), z.unknown()),
});
type Fixture = z.infer<typeof fixtureSchema>;

const fixtures = readdirSync(FIXTURES_DIR)
  .filter((name) => name.endsWith(".json"))
  .map((name) => ({
    name,
    fixture: fixtureSchema.parse(JSON.parse(readFileSync(path.join(FIXTURES_DIR, name), "utf8"))),
  }));

let current: Fixture | undefined;
let server: Server;
let accountUrl: string;

beforeAll(async () => {
  server = createServer((_req, res) => {
    const body = current?.http.body;
    res.writeHead(current?.http.status ?? 500, { "content-type": "application/json" });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  accountUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function call(fixture: Fixture): Promise<unknown> {
  const client = createGetCourseClient({
    accountUrl,
    apiKey: "corpus-school-key",
    techToken: "corpusdev_corpus-school-key",
    retry: { attempts: 1 },
  });
  switch (fixture.call) {
    case "getUserCustomFields":
      return client.getUserCustomFields({ email: "anna@example.com" });
    case "updateUserCustomFields":
      return client.updateUserCustomFields({ email: "anna@example.com" }, { 2771: "555" }).then(() => ({ ok: true }));
    case "getUser":
      return client.getUser({ email: "anna@example.com" });
    case "getPersonalManagers":
      return client.getPersonalManagers();
    case "importUser":
      return client.importUser({
        user: { email: "anna@example.com", addfields: { telegram_id: "555" } },
        system: { refresh_if_exists: 1 },
      });
    case "getFieldDictionary":
      return client.getFieldDictionary({ fresh: true });
    case "fetchExport":
      return client.fetchExport(17);
  }
}

describe("GetCourse API answers from public sources", () => {
  it("has a fixture for every call the hub makes", () => {
    expect(new Set(fixtures.map(({ fixture }) => fixture.call))).toEqual(new Set(fixtureSchema.shape.call.options));
  });

  it.each(fixtures)("$name", async ({ fixture }) => {
    current = fixture;
    const outcome = await call(fixture).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    const expected = fixture.expect;
    if ("error" in expected) {
      expect("error" in outcome && isOutboundError(outcome.error) ? outcome.error.kind : outcome).toBe(expected.error);
      return;
    }
    if ("error" in outcome) throw outcome.error;
    const value = outcome.value;
    if ("fields" in expected) expect(value).toMatchObject(expected.fields as object);
    if ("ok" in expected) expect(value).toEqual({ ok: true });
    if ("user" in expected) expect(value).toMatchObject(expected.user as object);
    if ("managers" in expected) expect(value).toMatchObject(expected.managers as object);
    if ("userId" in expected) expect(value).toMatchObject({ userId: expected.userId });
    if ("dictionary" in expected) expect(value).toMatchObject(expected.dictionary as object);
    if ("export" in expected) {
      const { ready, rows } = expected.export as { ready: boolean; rows?: number };
      expect(value).toMatchObject({ ready });
      if (rows !== undefined) expect((value as { table: { rows: unknown[] } }).table.rows).toHaveLength(rows);
    }
  });
});
