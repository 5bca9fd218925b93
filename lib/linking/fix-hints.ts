import { getEnv, salebotFieldName } from "@/lib/env";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { getIntegrations } from "@/lib/integrations";
import { LINK_ERROR_CODES, type LinkErrorCode } from "./codes";

/** What the Failures page offers for a code: run the link again, or (conflict) an admin's relink. */
export type FailureFix = "retry" | "relink";

export type HintContext = { fields: { telegram: string; salebot: string }; projectId: string };

export function isLinkErrorCode(value: unknown): value is LinkErrorCode {
  return typeof value === "string" && (LINK_ERROR_CODES as readonly string[]).includes(value);
}

/** Conflicts are decided by a person (DESIGN.md: only an admin's relink moves a link). */
export function fixFor(code: string): FailureFix {
  return code === "conflict" ? "relink" : "retry";
}

/**
 * The hint for a code, in the viewer's language, naming the account's own field names: the
 * person reading it has to type those names into GetCourse exactly.
 */
export function fixHint(t: Translate, code: string, context: HintContext): string {
  const key: MessageKey = isLinkErrorCode(code) ? `failures.hint.${code}` : "failures.hint.unknown";
  return t(key)
    .replaceAll("{telegramField}", context.fields.telegram)
    .replaceAll("{salebotField}", context.fields.salebot)
    .replaceAll("{projectId}", context.projectId);
}

/**
 * The names the hints must show: the running integrations' (demo mode and tests install their
 * own), else the environment's, so a hub whose GetCourse is not configured still explains itself.
 */
export function currentHintContext(): HintContext {
  try {
    const { fields, projectId } = getIntegrations();
    return { fields, projectId };
  } catch {
    const env = getEnv();
    return { fields: { telegram: env.GC_FIELD_TELEGRAM, salebot: salebotFieldName(env) }, projectId: env.SALEBOT_PROJECT_ID ?? "" };
  }
}
