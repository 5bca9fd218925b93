import { ExportRequestBudget } from "./export-budget";
import { GetCourseError, LEGACY_ERROR_CODES, legacyFailureToError } from "./gc-error";
import { checkLegacyHttpStatus, FORM_CONTENT_TYPE, legacyForm } from "./legacy-http";
import { legacyExportAnswerSchema, type LegacyExportAnswer } from "./schemas";
import { parseAnswer, requireJson, send, type TransportConfig } from "./transport";

export type LegacyAccountConfig = TransportConfig & { apiKey: string; budget: ExportRequestBudget };

/** A Legacy account answer that was understood, or GetCourse's own error in the export envelope. */
export type AccountAnswer =
  { ok: true; info: LegacyExportAnswer["info"] } | { ok: false; code: number | undefined; message: string };

function budgetSpentError(budget: ExportRequestBudget): GetCourseError {
  const waitSeconds = Math.ceil(budget.msUntilAvailable() / 1000);
  return new GetCourseError(
    "rate_limited",
    `export budget spent: ${budget.limit} requests per ${Math.round(budget.windowMs / 60_000)} min; next request allowed in ${waitSeconds} s`,
    { retryable: false, retryAfterSeconds: waitSeconds, gcErrorCode: LEGACY_ERROR_CODES.tooManyRequests },
  );
}

/**
 * One `/pl/api/account/…` request. Every HTTP attempt (retries too) spends the 100-per-2-hours
 * budget, so the budget is checked before each attempt, not once per call.
 * The key goes in the POST body and filters in the query string, as BEL does (doc §4.1).
 */
export async function callAccountApi(
  config: LegacyAccountConfig,
  request: { path: string; query?: URLSearchParams; what: string; call: string; idempotent: boolean },
): Promise<AccountAnswer> {
  const response = await send(config, {
    path: request.path,
    method: "POST",
    query: request.query,
    headers: FORM_CONTENT_TYPE,
    body: legacyForm(config.apiKey, {}),
    idempotent: request.idempotent,
    beforeAttempt: () => {
      if (!config.budget.tryTake()) throw budgetSpentError(config.budget);
    },
  });
  checkLegacyHttpStatus(response, request.what);
  const answer = parseAnswer(
    legacyExportAnswerSchema,
    requireJson(response, request.what),
    request.what,
    response.status,
    request.call,
  );
  if (answer.success) return { ok: true, info: answer.info };
  const message = typeof answer.error === "string" && answer.error ? answer.error : answer.error_message;
  if (answer.error_code === LEGACY_ERROR_CODES.tooManyRequests) config.budget.markExhausted();
  return { ok: false, code: answer.error_code, message };
}

/** Turns an account error into the typed error (codes 903, 905, 908, 917, …). */
export function accountFailure(answer: { code: number | undefined; message: string }, what: string): GetCourseError {
  const error = legacyFailureToError({ message: answer.message, code: answer.code });
  error.message = `${error.message} (${what}${answer.code === undefined ? "" : `, code ${answer.code}`})`;
  return error;
}
