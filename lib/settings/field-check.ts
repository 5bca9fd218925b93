import { z } from "zod";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { createGetCourseClient } from "@/lib/getcourse";
import { currentIntegrationConfig } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { requiredFieldNames, type ConnectionReport } from "./connection-test";
import type { IntegrationConfig } from "./integration-config";
import { keepMalformedAnswers } from "./upstream-samples";

/**
 * Are the GetCourse custom fields every link writes defined in the account? Found at set-up (at
 * start-up and by "Test connection"), so a missing field is fixed by the school before any
 * customer meets it (issue 12). The last result is kept in the settings table and shown on Settings.
 */

export const FIELD_CHECK_SETTINGS_KEY = "getcourse_field_check";

const fieldCheckSchema = z.object({
  checkedAt: z.string(),
  /** Where the account's fields were read: a Tech API answer or the Legacy dictionary. */
  source: z.enum(["tech_answer", "dictionary"]).nullable(),
  required: z.array(z.string()),
  missing: z.array(z.string()),
  /** Set when GetCourse could not be asked: the check says nothing about the fields then. */
  error: z.string().nullable(),
});
export type FieldCheck = z.infer<typeof fieldCheckSchema>;

/** Reads the account's fields once (never on a customer's link) and keeps the verdict. */
export async function checkGetCourseFields(
  config: IntegrationConfig = currentIntegrationConfig(),
): Promise<FieldCheck | null> {
  const { accountUrl, apiKey, techToken } = config.getcourse;
  if (!accountUrl || (!apiKey && !techToken)) return null;
  const required = requiredFieldNames(config);
  const gc = createGetCourseClient({
    accountUrl,
    apiKey,
    techToken,
    timeoutMs: 5_000,
    retry: { attempts: 2 },
    onMalformedAnswer: keepMalformedAnswers("getcourse"),
  });
  let check: FieldCheck;
  try {
    const defined = await gc.definedUserFields(required, { fresh: true });
    check = {
      checkedAt: new Date().toISOString(),
      source: defined.source,
      required,
      missing: defined.missing,
      error: null,
    };
  } catch (error) {
    const reason = error instanceof Error && "kind" in error ? String(error.kind) : "error";
    check = { checkedAt: new Date().toISOString(), source: null, required, missing: [], error: reason };
  }
  if (check.missing.length > 0)
    log.warn("GetCourse lacks custom fields the hub writes: create them in the account", { missing: check.missing });
  await saveFieldCheck(check);
  return check;
}

/** The field check a connection test amounts to: its "fields" verdict, else all present when every check passed. */
export function fieldCheckFromReport(report: ConnectionReport, required: string[]): FieldCheck {
  const checkedAt = new Date().toISOString();
  const source = report.checks.some((check) => check.check === "sample_user") ? "tech_answer" : "dictionary";
  const fields = report.checks.find((check) => check.check === "fields");
  if (fields) return { checkedAt, source, required, missing: fields.detail.split(", ").filter(Boolean), error: null };
  if (report.verdict === "ok") return { checkedAt, source, required, missing: [], error: null };
  return { checkedAt, source: null, required, missing: [], error: report.verdict };
}

export async function saveFieldCheck(check: FieldCheck): Promise<void> {
  const value = check as unknown as Prisma.InputJsonObject;
  await db.setting.upsert({
    where: { key: FIELD_CHECK_SETTINGS_KEY },
    create: { key: FIELD_CHECK_SETTINGS_KEY, value },
    update: { value },
  });
}

export async function lastFieldCheck(): Promise<FieldCheck | null> {
  const row = await db.setting.findUnique({ where: { key: FIELD_CHECK_SETTINGS_KEY } });
  const parsed = fieldCheckSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : null;
}
