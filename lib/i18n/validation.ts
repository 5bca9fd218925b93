import type { z } from "zod";
import type { MessageKey, Translate } from "./messages";

/**
 * A form's validation issues in the reader's language. The schemas keep their English messages
 * (the APIs and logs answer with them); a page shows the field's own label and a sentence from the
 * dictionary chosen by the kind of issue, never zod's text.
 */

const FIELD_LABELS: Record<string, MessageKey> = {
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
  from: "settings.backfill.from",
  to: "settings.backfill.to",
};

type Issue = z.core.$ZodIssue;

function sentence(t: Translate, issue: Issue): string {
  const field = issue.path.map(String).join(".");
  switch (issue.code) {
    case "invalid_format":
      if (issue.format === "url") return t("validation.url");
      if (field === "from" || field === "to") return t("validation.date");
      if (field.endsWith("projectId")) return t("validation.digits");
      return t("validation.format");
    case "too_big":
      return t("validation.tooLong", { max: String(issue.maximum) });
    case "too_small":
      return t("validation.required");
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
  return label ? `${t(label)}: ${text}` : text;
}

/** Every issue of `error`, one sentence each. */
export function validationText(t: Translate, error: z.ZodError): string {
  return error.issues.map((issue) => validationIssueText(t, issue)).join("; ");
}
