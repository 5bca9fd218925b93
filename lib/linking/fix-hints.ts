import { getEnv, salebotFieldName } from "@/lib/env";
import type { MessageKey, Translate } from "@/lib/i18n/messages";
import { getIntegrations } from "@/lib/integrations";
import { lastFieldCheck } from "@/lib/settings/field-check";
import { LINK_ERROR_CODES, type LinkErrorCode } from "./codes";

/**
 * What the Failures page offers for a code. `retry`: running the link again can work now.
 * `relink`: a conflict, decided by an admin's relink. `fix_first`: a retry would fail the same way
 * until something is fixed outside the hub (a missing GetCourse field the last field check has
 * not seen yet). `none`: the bot's request itself was wrong; only the bot can send a new one.
 */
export type FailureFix = "retry" | "relink" | "fix_first" | "none";

export type HintContext = { fields: { telegram: string; salebot: string }; projectId: string };

/** What the hub knows of the GetCourse account's fields: the last field check (Settings). */
export type FieldState = { checked: readonly string[]; missing: readonly string[] } | null;

export function isLinkErrorCode(value: unknown): value is LinkErrorCode {
  return typeof value === "string" && (LINK_ERROR_CODES as readonly string[]).includes(value);
}

/** The custom field a field error is about, by its configured name. */
export function missingFieldOf(code: string, context: HintContext): string | null {
  if (code === "field_telegram_id_not_found") return context.fields.telegram;
  if (code === "field_salebot_id_not_found") return context.fields.salebot;
  return null;
}

/** A field exists once a field check that looked for it did not find it missing. */
export function fieldExists(field: string, state: FieldState): boolean {
  return state !== null && state.checked.includes(field) && !state.missing.includes(field);
}

/** Conflicts are decided by a person (DESIGN.md: only an admin's relink moves a link). */
export function fixFor(code: string, context?: HintContext, fields: FieldState = null): FailureFix {
  if (code === "conflict") return "relink";
  // Nothing to run again: only the customer pressing their own link (or staff linking by hand) helps.
  if (code === "bad_request" || code.startsWith("start_link_")) return "none";
  const field = context ? missingFieldOf(code, context) : null;
  if (field !== null && !fieldExists(field, fields)) return "fix_first";
  return "retry";
}

/** Where the hint sends the reader: the Settings card it names, by anchor. */
export type HintTarget = { href: string; label: MessageKey; permission: "settings.manage" };

export function hintTarget(code: string): HintTarget | null {
  switch (code) {
    case "field_telegram_id_not_found":
    case "field_salebot_id_not_found":
    case "gc_unavailable":
    case "gc_auth_failed":
      return { href: "/settings#getcourse", label: "failures.hint.link.getcourse", permission: "settings.manage" };
    case "salebot_unavailable":
      return { href: "/settings#salebot", label: "failures.hint.link.salebot", permission: "settings.manage" };
    default:
      return null;
  }
}

/** Codes whose fix is a relink, which only an admin may do: others are told to ask one. */
const RELINK_HINTS = ["conflict", "start_link_used"] as const;

/**
 * The hint for a code, in the viewer's language, naming the account's own field names: the
 * person reading it has to type those names into GetCourse exactly. A viewer who may not relink
 * (`canRelink` false: staff) is not sent to the Relink button they do not have.
 */
export function fixHint(
  t: Translate,
  code: string,
  context: HintContext,
  { canRelink }: { canRelink: boolean } = { canRelink: true },
): string {
  const relinkCode = RELINK_HINTS.find((relink) => relink === code);
  const key: MessageKey = !isLinkErrorCode(code)
    ? "failures.hint.unknown"
    : relinkCode && !canRelink
      ? `failures.hint.${relinkCode}.notAdmin`
      : `failures.hint.${code}`;
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
    return {
      fields: { telegram: env.GC_FIELD_TELEGRAM, salebot: salebotFieldName(env) },
      projectId: env.SALEBOT_PROJECT_ID ?? "",
    };
  }
}

/** The last field check as far as it says anything: a check that could not ask GetCourse does not. */
export async function currentFieldState(): Promise<FieldState> {
  const check = await lastFieldCheck();
  if (!check || check.error !== null) return null;
  return { checked: check.required, missing: check.missing };
}
