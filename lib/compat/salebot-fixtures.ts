import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * The Salebot part of the compatibility corpus (issue 12): answers and webhooks as public sources
 * show them, one JSON file each, every file naming its source. Tests run the hub's own readers
 * over them (lib/compat/salebot.test.ts, lib/compat/salebot-webhooks.int.test.ts).
 */
export const SALEBOT_FIXTURE_DIR = path.join(process.cwd(), "lib/compat/fixtures/salebot");

const source = z.string().min(20);

const answerFixture = z.object({
  source,
  note: z.string().optional(),
  kind: z.literal("answer"),
  actions: z.array(z.string()).min(1),
  http: z.object({
    status: z.int(),
    body: z.json().optional(),
    text: z.string().optional(),
    contentType: z.string().optional(),
  }),
  expect: z.record(z.string(), z.json()),
});

const webhookFixture = z.object({
  source,
  note: z.string().optional(),
  kind: z.literal("webhook"),
  body: z.record(z.string(), z.json()),
  expect: z.record(z.string(), z.json()),
});

export const salebotFixture = z.discriminatedUnion("kind", [answerFixture, webhookFixture]);
export type SalebotAnswerFixture = z.output<typeof answerFixture>;
export type SalebotWebhookFixture = z.output<typeof webhookFixture>;

export function loadSalebotFixtures(): { name: string; fixture: z.output<typeof salebotFixture> }[] {
  return readdirSync(SALEBOT_FIXTURE_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => ({
      name: file.replace(/\.json$/, ""),
      fixture: salebotFixture.parse(JSON.parse(readFileSync(path.join(SALEBOT_FIXTURE_DIR, file), "utf8"))),
    }));
}

export const salebotAnswerFixtures = () =>
  loadSalebotFixtures().flatMap(({ name, fixture }) => (fixture.kind === "answer" ? [{ name, fixture }] : []));
export const salebotWebhookFixtures = () =>
  loadSalebotFixtures().flatMap(({ name, fixture }) => (fixture.kind === "webhook" ? [{ name, fixture }] : []));
