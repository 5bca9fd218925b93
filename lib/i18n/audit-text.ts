import { errorCodeLabel } from "./codes";
import type { Translate } from "./messages";

/**
 * The audit log in words: an action's name, what it touched, and its before/after as rows of
 * field, old value, new value. The log itself keeps codes (`link.relink`, `user:12`), so filters
 * and scripts stay exact; only the page reads them out.
 */

const ACTIONS = [
  "user.invite",
  "user.role_change",
  "user.password_reset",
  "user.password_change",
  "delivery.retry",
  "delivery.retry_all_dead",
  "link.relink",
  "link.unlink",
  "failure.retry",
  "failure.retry_all",
  "failure.dismiss",
  "getcourse_call.reprocess",
  "getcourse_call.dismiss",
  "settings.rotate_token",
  "settings.update",
  "settings.samples.clear",
  "campaign.create",
  "backfill.start",
  "start_links.write_all",
  "suggestion.confirm",
  "suggestion.dismiss",
] as const;

const TARGETS = [
  "user",
  "delivery",
  "deliveries",
  "client",
  "attempt",
  "code",
  "gc_unreadable_call",
  "token",
  "campaign",
  "backfill",
  "suggestion",
] as const;

const FIELDS = [
  "email",
  "role",
  "client",
  "errorCode",
  "error",
  "sbClientId",
  "telegramId",
  "gcUserId",
  "outcome",
  "queued",
  "open",
  "total",
  "dealId",
  "kind",
  "name",
  "bot",
  "accepted",
  "startCode",
  "reason",
  "matchedBy",
  "status",
  "value",
  "link",
  "changes",
  "active",
  "archivedAt",
  "from",
  "to",
] as const;

const STATUSES = ["pending", "ambiguous", "linked", "dismissed", "failed", "open"] as const;

function isOneOf<const T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function auditActionLabel(t: Translate, action: string): string {
  return isOneOf(ACTIONS, action) ? t(`audit.action.${action}`) : t("audit.action.unknown");
}

/** `client:100001:2000149` → "клиент Salebot 2000149 (проект 100001)"; unknown shapes as they are. */
export function auditTargetLabel(t: Translate, target: string | null, action?: string): string {
  if (!target) return "—";
  const [kind = "", ...rest] = target.split(":");
  const id = rest.join(":");
  if (!isOneOf(TARGETS, kind) || id === "") return target;
  // Bulk start-link writes run as backfill runs of their own kind; they are no import.
  if (kind === "backfill" && action === "start_links.write_all") return t("audit.target.startLinks", { id });
  if (kind === "client") {
    const [project = "", client = ""] = rest;
    return t("audit.target.client", { project, client });
  }
  if (kind === "code") return errorCodeLabel(t, id);
  return t(`audit.target.${kind}`, { id });
}

export function auditSentence(
  t: Translate,
  row: { actorEmail: string | null; action: string; target: string | null },
): string {
  return t("audit.sentence", {
    actor: row.actorEmail ?? t("audit.system"),
    action: auditActionLabel(t, row.action),
    target: auditTargetLabel(t, row.target, row.action),
  });
}

export type AuditChange = { field: string; label: string | null; before: string; after: string };

function valueText(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "audit.value.yes" : "audit.value.no");
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (field === "role" && isOneOf(["admin", "staff", "marketer"] as const, value)) return t(`auth.role.${value}`);
    if (field === "errorCode" || field === "error") return errorCodeLabel(t, value);
    if (field === "status" && isOneOf(STATUSES, value)) return t(`audit.value.status.${value}`);
    if (field === "matchedBy" && isOneOf(["phone", "email"] as const, value))
      return t(`audit.value.matchedBy.${value}`);
    if (field === "outcome" && isOneOf(["success", "failed", "queued", "linked", "nothing"] as const, value))
      return t(`audit.value.outcome.${value}`);
    return value;
  }
  if (typeof value === "object" && "email" in value && typeof value.email === "string") return value.email;
  return JSON.stringify(value);
}

function fields(value: unknown): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  return { value };
}

/** One row per field in either side; a field's label is null when it has no words (shown as its key). */
export function auditChanges(t: Translate, before: unknown, after: unknown): AuditChange[] {
  const old = fields(before);
  const next = fields(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return keys.map((field) => ({
    field,
    label: isOneOf(FIELDS, field) ? t(`audit.field.${field}`) : null,
    before: valueText(t, field, old[field]),
    after: valueText(t, field, next[field]),
  }));
}
