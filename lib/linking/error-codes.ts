// No imports: the UI's labels (lib/i18n/codes.ts, also in client bundles) read the same list, so a
// new code cannot be left out of them again.
/** Stable link error codes (DESIGN.md): bots branch on them and the Failures page groups by them. */
export const LINK_ERROR_CODES = [
  "bad_request",
  "user_not_found",
  "field_telegram_id_not_found",
  "field_salebot_id_not_found",
  "gc_unavailable",
  "gc_auth_failed",
  "salebot_unavailable",
  "conflict",
  "internal_error",
  // Personal start links (lib/linking/start-link): the code was already used by another client,
  // was made for another Salebot project, or is broken or forged. Never answered by /api/link.
  "start_link_used",
  "start_link_foreign",
  "start_link_invalid",
] as const;

export type LinkErrorCode = (typeof LINK_ERROR_CODES)[number];
