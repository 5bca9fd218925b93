import { errorCodeLabel, eventLabel } from "./codes";
import { type FieldWrite, fieldWriteText, type FieldWriteText } from "./field-change-text";
import type { Formats } from "./format";
import type { MessageKey, Translate } from "./messages";

/**
 * The audit log in words: a sentence (who, what, on what), the facts the entry keeps, what changed
 * from what to what, and for a relink the field writes in GetCourse and Salebot. The log itself
 * keeps codes (`link.relink`, `user:12`, `utmSource`), so filters and scripts stay exact; only the
 * page reads them out. Rows of every age must read: an unknown shape falls back to labelled
 * facts, never to raw JSON.
 */

const ACTIONS = [
  "user.invite",
  "user.role_change",
  "user.deactivate",
  "user.reactivate",
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
  "campaign.archive",
  "campaign.unarchive",
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

/** Targets that are a setting's key, not `kind:id`. */
const SETTING_TARGETS: Record<string, MessageKey> = {
  forwarding: "audit.target.setting.forwarding",
  integrations: "audit.target.setting.integrations",
  matching: "audit.target.setting.matching",
  salebot_variables: "audit.target.setting.salebot_variables",
  upstream_answer_samples: "audit.target.setting.upstream_answer_samples",
};

const TOKEN_KINDS: Record<string, MessageKey> = {
  link: "settings.tokens.link",
  read: "settings.tokens.read",
  getcourse: "settings.tokens.getcourse",
  "getcourse.legacy_link_token": "audit.target.token.legacy",
};

/**
 * A field's words, by its key (or dotted path, for nested settings). The order is the order rows
 * are shown in: the database keeps JSON keys in its own order (jsonb sorts them by length).
 */
const FIELDS: Record<string, MessageKey> = {
  name: "audit.field.name",
  bot: "audit.field.bot",
  kind: "audit.field.kind",
  startCode: "audit.field.startCode",
  salebotLink: "audit.field.salebotLink",
  utmSource: "audit.field.utmSource",
  utmMedium: "audit.field.utmMedium",
  utmCampaign: "audit.field.utmCampaign",
  utmContent: "audit.field.utmContent",
  utmTerm: "audit.field.utmTerm",
  errorCode: "audit.field.errorCode",
  error: "audit.field.error",
  email: "audit.field.email",
  role: "audit.field.role",
  client: "audit.field.client",
  sbClientId: "audit.field.sbClientId",
  telegramId: "audit.field.telegramId",
  gcUserId: "audit.field.gcUserId",
  source: "audit.field.source",
  linkedAt: "audit.field.linkedAt",
  status: "audit.field.status",
  matchedBy: "audit.field.matchedBy",
  value: "audit.field.value",
  reason: "audit.field.reason",
  attempts: "audit.field.attempts",
  lastError: "audit.field.lastError",
  outcome: "audit.field.outcome",
  queued: "audit.field.queued",
  open: "audit.field.open",
  total: "audit.field.total",
  dealId: "audit.field.dealId",
  accepted: "audit.field.accepted",
  link: "audit.field.link",
  changes: "audit.field.changes",
  active: "audit.field.active",
  archivedAt: "audit.field.archivedAt",
  from: "audit.field.from",
  to: "audit.field.to",
  clientEmail: "audit.field.clientEmail",
  emailClient: "audit.field.emailClient",
  // Settings, in the Settings page's own words.
  method: "settings.fwd.method",
  botUsername: "settings.fwd.botUsername",
  maxAttempts: "settings.fwd.maxAttempts",
  orderDetailsOnlyToProvenLinks: "settings.fwd.provenOnly",
  "activity.enabled": "settings.fwd.activity",
  "activity.field": "settings.fwd.activityField",
  autoLinkPhone: "settings.matching.autoLinkPhone",
  fetchOnFirstSight: "sbUsage.fetch.label",
  "getcourse.accountUrl": "settings.gc.accountUrl",
  "getcourse.apiKey": "settings.gc.apiKey",
  "getcourse.techToken": "settings.gc.techToken",
  "getcourse.unknownEmail": "settings.gc.unknownEmail",
  "fields.telegram": "settings.fields.telegram",
};

const SALEBOT_FIELDS: Record<string, MessageKey> = {
  apiUrl: "settings.sb.apiUrl",
  apiKey: "settings.sb.apiKey",
  projectId: "settings.sb.projectId",
  botUsername: "settings.sb.botUsername",
  salebotField: "settings.sb.salebotField",
};

const EVENTS = ["created", "paid", "status_changed"] as const;
const STATUSES = ["pending", "ambiguous", "linked", "dismissed", "failed", "open", "sent", "dead"] as const;
const OUTCOMES = ["success", "failed", "queued", "linked", "nothing"] as const;
const SOURCES = ["bot", "form", "admin", "deep_link", "suggestion"] as const;
const CAMPAIGN_KINDS = ["telegram_start", "salebot_link"] as const;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function isOneOf<const T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function auditActionLabel(t: Translate, action: string): string {
  return isOneOf(ACTIONS, action) ? t(`audit.action.${action}`) : t("audit.action.unknown");
}

/** `client:100001:2000149` → "клиент Salebot 2000149 (проект 100001)"; unknown shapes as they are. */
export function auditTargetLabel(t: Translate, target: string | null, action?: string): string {
  if (!target) return "—";
  const setting = SETTING_TARGETS[target];
  if (setting) return t(setting);
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
  if (kind === "token" && TOKEN_KINDS[id]) return t(TOKEN_KINDS[id]);
  return t(`audit.target.${kind}`, { id });
}

type AuditRow = { actorEmail: string | null; action: string; target: string | null };

export function auditSentence(t: Translate, row: AuditRow): string {
  const action = isOneOf(ACTIONS, row.action)
    ? t(`audit.action.${row.action}`)
    : t("audit.action.unknownNamed", { action: row.action });
  return t("audit.sentence", {
    actor: row.actorEmail ?? t("audit.system"),
    action,
    target: auditTargetLabel(t, row.target, row.action),
  });
}

export type AuditFact = { field: string; label: string | null; value: string };
export type AuditChange = { field: string; label: string | null; before: string; after: string };
export type AuditView = {
  sentence: string;
  /** What the entry names without changing it: the e-mail a retried failure was for, a new campaign's fields. */
  facts: AuditFact[];
  /** What changed, old value and new; never a row empty on both sides. */
  changes: AuditChange[];
  /** A relink's writes in GetCourse, Salebot and the hub. */
  writes: FieldWriteText[];
};

type DateFormat = Pick<Formats, "dateTime">;

/** A field's words; null for a key the hub has no words for (the page shows the key). */
export function auditFieldLabel(t: Translate, field: string, action?: string): string | null {
  if (action === "settings.rotate_token" && TOKEN_KINDS[field]) return t(TOKEN_KINDS[field]);
  const known = FIELDS[field];
  if (known) return t(known);
  const event = /^events\.([a-z_]+)\.(enabled|message)$/.exec(field);
  if (event && isOneOf(EVENTS, event[1] ?? "")) {
    const name = t(`settings.fwd.event.${event[1] as (typeof EVENTS)[number]}`);
    return event[2] === "enabled"
      ? t("audit.field.eventEnabled", { event: name })
      : `${name}: ${t("settings.fwd.message")}`;
  }
  const salebot = /^salebot\.(\d+)\.([A-Za-z]+)$/.exec(field);
  const salebotField = salebot ? SALEBOT_FIELDS[salebot[2] ?? ""] : undefined;
  if (salebot && salebotField)
    return t("audit.field.salebotProject", { n: Number(salebot[1]) + 1, field: t(salebotField) });
  return null;
}

function stringText(t: Translate, format: DateFormat, field: string, value: string): string {
  const key = field.split(".").at(-1) ?? field;
  if (key === "role" && isOneOf(["admin", "staff", "marketer"] as const, value)) return t(`auth.role.${value}`);
  if (key === "errorCode" || key === "error") return errorCodeLabel(t, value);
  if (key === "status" && isOneOf(STATUSES, value)) return t(`audit.value.status.${value}`);
  if (key === "matchedBy" && isOneOf(["phone", "email"] as const, value)) return t(`audit.value.matchedBy.${value}`);
  if (key === "outcome" && isOneOf(OUTCOMES, value)) return t(`audit.value.outcome.${value}`);
  if (key === "source" && isOneOf(SOURCES, value)) return t(`links.source.${value}`);
  if (key === "kind" && isOneOf(CAMPAIGN_KINDS, value)) return t(`campaigns.kind.${value}`);
  if (key === "kind") return eventLabel(t, value);
  if (key === "unknownEmail" && isOneOf(["refuse", "create"] as const, value))
    return t(`settings.gc.unknownEmail.${value}`);
  if (ISO_TIME.test(value)) return format.dateTime(value);
  return value;
}

function valueText(t: Translate, format: DateFormat, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "audit.value.yes" : "audit.value.no");
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  if (typeof value === "string") return stringText(t, format, field, value);
  if (Array.isArray(value)) {
    const items = value.map((item) => valueText(t, format, field, item)).filter((item) => item !== "—");
    return items.length > 0 ? items.join("; ") : "—";
  }
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (typeof record.email === "string") return record.email;
    // Words for every part, as "label: value", never the object's JSON.
    const parts = Object.entries(record)
      .filter(([, part]) => part !== null && part !== undefined && part !== "")
      .map(([key, part]) => `${auditFieldLabel(t, key) ?? key}: ${valueText(t, format, key, part)}`);
    return parts.length > 0 ? parts.join(", ") : "—";
  }
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Nested settings (`events.paid.enabled`) as dotted paths, so each part is its own row. */
function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) return { [prefix || "value"]: value };
  const out: Record<string, unknown> = {};
  for (const [key, part] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    // An object with an e-mail is a person or a link: one value, not a row per part.
    if (isRecord(part) && typeof part.email !== "string" && Object.keys(part).length > 0)
      Object.assign(out, flatten(part, path));
    else out[path] = part;
  }
  return out;
}

/**
 * Keys on both sides are changes (dropped when they read the same); a key on one side only is a
 * fact the entry names (the e-mail of a retried failure, a new campaign's fields), not a value
 * that was added or removed. Empty facts are left out.
 */
function genericParts(
  t: Translate,
  format: DateFormat,
  action: string,
  before: unknown,
  after: unknown,
): Pick<AuditView, "facts" | "changes"> {
  const old = flatten(before);
  const next = flatten(after);
  const facts: AuditFact[] = [];
  const changes: AuditChange[] = [];
  const known = Object.keys(FIELDS);
  // Known fields in FIELDS' order, then the rest as recorded (a stable sort keeps their order).
  const rank = (field: string) => (known.includes(field) ? known.indexOf(field) : known.length);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])].sort((a, b) => rank(a) - rank(b));
  for (const field of keys) {
    const label = auditFieldLabel(t, field, action);
    if (field in old && field in next) {
      const change = {
        field,
        label,
        before: valueText(t, format, field, old[field]),
        after: valueText(t, format, field, next[field]),
      };
      if (change.before !== change.after) changes.push(change);
      continue;
    }
    const value = valueText(t, format, field, field in next ? next[field] : old[field]);
    if (value !== "—") facts.push({ field, label, value });
  }
  // An unlink records the removed link as `before` and nothing after: its values are what was removed.
  if (action === "link.unlink" && after === null)
    return {
      facts: [],
      changes: facts.map(({ field, label, value }) => ({ field, label, before: value, after: "—" })),
    };
  return { facts, changes };
}

type Snapshot = {
  sbClientId: string | null;
  email: string | null;
  telegramId: string | null;
  gcUserId: string | null;
  source: string | null;
};

function snapshotOf(value: unknown): Snapshot | null {
  if (!isRecord(value)) return null;
  const text = (key: string) => {
    const part = value[key];
    return typeof part === "string" || typeof part === "number" ? String(part) : null;
  };
  return {
    sbClientId: text("sbClientId"),
    email: text("email"),
    telegramId: text("telegramId"),
    gcUserId: text("gcUserId"),
    source: text("source"),
  };
}

function writesOf(value: unknown): FieldWrite[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).flatMap((change): FieldWrite[] => {
    const text = (key: string) => (typeof change[key] === "string" ? (change[key] as string) : null);
    const system = text("system");
    const field = text("field");
    if (!system || !field) return [];
    return [{ system, field, target: text("target") ?? "", before: text("before"), after: text("after") }];
  });
}

/**
 * A relink records the links it replaced (`before.client`: the client's, `before.email`: the
 * e-mail's) and the link it made with its field writes. Read as: the client's link before and
 * after, which client the e-mail left, and the writes as a table.
 */
function relinkParts(
  t: Translate,
  format: DateFormat,
  before: unknown,
  after: unknown,
): Omit<AuditView, "sentence"> | null {
  if (!isRecord(after) || !isRecord(after.link)) return null;
  const link = snapshotOf(after.link);
  const old = isRecord(before) ? before : {};
  const byClient = snapshotOf(old.client);
  const byEmail = snapshotOf(old.email);
  if (!link) return null;
  const changes: AuditChange[] = [];
  const row = (field: string, label: MessageKey, was: string | null | undefined, now: string | null) => {
    const change = {
      field,
      label: t(label),
      before: valueText(t, format, field, was ?? null),
      after: valueText(t, format, field, now),
    };
    if (change.before !== change.after) changes.push(change);
  };
  row("clientEmail", "audit.field.clientEmail", byClient?.email, link.email);
  row("gcUserId", "audit.field.gcUserId", byClient?.gcUserId, link.gcUserId);
  row("telegramId", "audit.field.telegramId", byClient?.telegramId, link.telegramId);
  if (byEmail && byEmail.sbClientId !== link.sbClientId)
    row("emailClient", "audit.field.emailClient", byEmail.sbClientId, link.sbClientId);
  row("source", "audit.field.source", byClient?.source, link.source);
  const writes = writesOf(after.changes)
    .map((write) => fieldWriteText(t, write))
    .filter((write) => write.before !== write.after);
  return { facts: [], changes, writes };
}

/** The whole entry in words, for /audit. */
export function auditView(
  t: Translate,
  format: DateFormat,
  row: AuditRow & { before: unknown; after: unknown },
): AuditView {
  const sentence = auditSentence(t, row);
  const relink = row.action === "link.relink" ? relinkParts(t, format, row.before, row.after) : null;
  if (relink) return { sentence, ...relink };
  return { sentence, ...genericParts(t, format, row.action, row.before, row.after), writes: [] };
}
