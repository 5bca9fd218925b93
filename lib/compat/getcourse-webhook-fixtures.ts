import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The GetCourse webhook corpus (fixtures/getcourse/webhooks/*.json): real calls quoted from
 * public sources, each with what the hub must read from it. Read by the unit and integration tests.
 */

const FIXTURES = path.join(import.meta.dirname, "fixtures", "getcourse", "webhooks");

const readEvent = z.object({
  kind: z.enum(["created", "paid", "status_changed"]),
  dealId: z.string(),
  dealNumber: z.string().nullable(),
  status: z.string().nullable(),
  paid: z.boolean(),
  paidAmount: z.string().nullable(),
  costAmount: z.string().nullable(),
  currency: z.string().nullable(),
  createdAt: z.iso.datetime().nullable(),
  email: z.string().nullable(),
  gcUserId: z.string().nullable(),
  inferred: z.array(z.string()).optional(),
});

const fixtureSchema = z.object({
  source: z
    .record(z.string(), z.unknown())
    .refine((source) => "repository" in source || "page" in source || "description" in source, {
      message: "name the repository and path, or the page",
    }),
  caller: z.enum(["tech", "process"]),
  quirks: z.array(z.string()),
  request: z.object({
    method: z.enum(["GET", "POST"]),
    query: z.record(z.string(), z.string()),
    contentType: z.string().nullable(),
    /** JSON as it arrives, or the raw text of a form. */
    body: z.unknown(),
  }),
  expect: z.union([readEvent, z.object({ unreadable: z.enum(["no_deal_id", "unreadable_body", "not_an_object"]) })]),
});

export type WebhookFixture = z.output<typeof fixtureSchema> & { name: string };

export function loadWebhookFixtures(): WebhookFixture[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ""),
      ...fixtureSchema.parse(JSON.parse(readFileSync(path.join(FIXTURES, file), "utf8"))),
    }));
}

/** The fixture's body as the request's text (what the route receives). */
export function fixtureBodyText(fixture: WebhookFixture): string | undefined {
  const { body } = fixture.request;
  if (body === null || body === undefined) return undefined;
  return typeof body === "string" ? body : JSON.stringify(body);
}
