import type { z } from "zod";
import { MAX_ATTEMPTS_RANGE, ORDER_EVENT_KINDS } from "@/lib/forwarding/settings";
import type { MessageKey, Translate } from "./messages";

/**
 * A form's validation issues in the reader's language. The schemas keep their English messages
 * (the APIs and logs answer with them); a page shows the field's own label and a sentence from the
 * dictionary chosen by the kind of issue, never zod's text.
 */

type Label = MessageKey | ((t: Translate) => string);

const FIELD_LABELS: Record<string, Label> = {
  "getcourse.accountUrl": "settings.gc.accountUrl",
  "getcourse.apiKey": "settings.gc.apiKey",
  "getcourse.techToken": "settings.gc.techToken",
  "getcourse.unknownEmail": "settings.gc.unknownEmail",
  "salebot.apiUrl": "settings.sb.apiUrl",
  "salebot.apiKey": "settings.sb.apiKey",
  "salebot.projectId": "settings.sb.projectId",
  "salebot.botUsername": "settings.sb.botUsername",
  "salebot.salebotField": "settings.sb.salebotField",
  "fields.telegram": "settings.fields.telegram",
  // Event forwarding (lib/forwarding/settings.ts): the page's own labels are longer than a message
  // can quote ("… (пусто — бот проекта)") or only make sense beside their checkbox.
  method: "settings.fwd.method",
  botUsername: "validation.label.fwdBot",
  maxAttempts: "settings.fwd.maxAttempts",
  ...Object.fromEntries(
    ORDER_EVENT_KINDS.map((kind): [string, Label] => [
      `events.${kind}.message`,
      (t) => t("validation.label.eventMessage", { event: t(`settings.fwd.event.${kind}`) }),
    ]),
  ),
  "activity.field": "validation.label.activityField",
  from: "settings.backfill.from",
  to: "settings.backfill.to",
};

/**
 * Both bounds of a numeric field, so any wrong number (too small, too big, not a whole number,
 * empty) reads as the one range to choose from, not as whichever bound zod checked first.
 */
const NUMBER_RANGES: Record<string, { readonly min: number; readonly max: number }> = {
  maxAttempts: MAX_ATTEMPTS_RANGE,
};

type Issue = z.core.$ZodIssue;

function isNumberIssue(issue: Issue): boolean {
  if (issue.code === "too_small" || issue.code === "too_big") return issue.origin === "number";
  return issue.code === "invalid_type" && (issue.expected === "number" || issue.expected === "int");
}

function numberSentence(t: Translate, issue: Issue, field: string): string {
  const range = NUMBER_RANGES[field];
  if (range) return t("validation.range", { min: String(range.min), max: String(range.max) });
  if (issue.code === "too_small") return t("validation.atLeast", { min: String(issue.minimum) });
  if (issue.code === "too_big") return t("validation.atMost", { max: String(issue.maximum) });
  return t("validation.number");
}

function sentence(t: Translate, issue: Issue): string {
  const field = issue.path.map(String).join(".");
  if (isNumberIssue(issue)) return numberSentence(t, issue, field);
  switch (issue.code) {
    case "invalid_format":
      if (issue.format === "url") return t("validation.url");
      if (field === "from" || field === "to") return t("validation.date");
      if (field.endsWith("projectId")) return t("validation.digits");
      if (field === "botUsername") return t("validation.botUsername");
      return t("validation.format");
    case "too_big":
      return t("validation.tooLong", { max: String(issue.maximum) });
    case "too_small":
      return Number(issue.minimum) <= 1
        ? t("validation.required")
        : t("validation.tooShort", { min: String(issue.minimum) });
    case "invalid_value":
    case "invalid_type":
      return t("validation.choice");
    case "custom":
      return field === "to" ? t("validation.dateOrder") : t("validation.invalid");
    default:
      return t("validation.invalid");
  }
}

/** One issue as "Label: what is wrong" (the label left out for a field the dictionary does not name). */
export function validationIssueText(t: Translate, issue: Issue): string {
  const label = FIELD_LABELS[issue.path.map(String).join(".")];
  const text = sentence(t, issue);
  if (!label) return text;
  return `${typeof label === "function" ? label(t) : t(label)}: ${text}`;
}

/** Every issue of `error`, one sentence each. */
export function validationText(t: Translate, error: z.ZodError): string {
  return error.issues.map((issue) => validationIssueText(t, issue)).join("; ");
}
