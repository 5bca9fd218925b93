import { MissingFieldsError } from "@/lib/getcourse";
import { LINK_DETAILS } from "./details";
import { isOutboundError } from "@/lib/outbound/errors";

import type { LinkErrorCode } from "./error-codes";

export { LINK_ERROR_CODES, type LinkErrorCode } from "./error-codes";

export class LinkFailure extends Error {
  constructor(
    readonly code: LinkErrorCode,
    readonly detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "LinkFailure";
  }
}

/** What a failed GetCourse call means for a link; `fields` names the two custom fields for a missing-field answer. */
export function gcFailure(error: unknown, fields?: { telegram: string; salebot: string }): LinkFailure {
  if (error instanceof LinkFailure) return error;
  if (error instanceof MissingFieldsError) {
    const code =
      fields && !error.fields.includes(fields.telegram) ? "field_salebot_id_not_found" : "field_telegram_id_not_found";
    const names = error.fields.map((name) => `"${name}"`).join(", ");
    return new LinkFailure(code, LINK_DETAILS.text("gcNoField", { fields: names }));
  }
  if (!isOutboundError(error))
    return new LinkFailure("internal_error", error instanceof Error ? error.message : String(error));
  switch (error.kind) {
    case "not_found":
      return new LinkFailure("user_not_found", LINK_DETAILS.text("gcNoUser"));
    case "auth_failed":
    case "plan_has_no_api":
      return new LinkFailure("gc_auth_failed", error.message);
    case "rejected":
      return new LinkFailure("internal_error", error.message);
    default:
      return new LinkFailure("gc_unavailable", error.message);
  }
}
