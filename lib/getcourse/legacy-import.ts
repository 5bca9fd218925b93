import { GetCourseError, legacyFailureToError } from "./gc-error";
import { toRequestFlag, type FlagInput } from "./flags";
import { checkLegacyHttpStatus, encodeLegacyParams, FORM_CONTENT_TYPE, legacyForm } from "./legacy-http";
import { legacyImportAnswerSchema } from "./schemas";
import type { DealStatus, PaymentStatus } from "./statuses";
import { parseAnswer, send, type TransportConfig } from "./transport";
import { legacyPaths } from "./urls";

/** `params.user` as GetCourse names it (doc §2.2); custom fields go in `addfields` by title. */
export type LegacyUser = {
  email?: string;
  phone?: string;
  first_name?: string;
  last_name?: string;
  city?: string;
  country?: string;
  /** A plain name, or [name, "YYYY-MM-DD HH:MM"] to set when the user joined the group. */
  group_name?: Array<string | [string, string]>;
  addfields?: Record<string, string | number>;
};

export type LegacySystem = {
  /** Update an existing user (fields, name) instead of leaving them as they are. */
  refresh_if_exists?: FlagInput;
  partner_email?: string;
  multiple_offers?: FlagInput;
  return_payment_link?: FlagInput;
  return_deal_number?: FlagInput;
};

export type LegacySession = Partial<
  Record<
    | "utm_source"
    | "utm_medium"
    | "utm_content"
    | "utm_campaign"
    | "utm_term"
    | "utm_group"
    | "gcpc"
    | "gcao"
    | "referer",
    string
  >
>;

export type ImportUserParams = { user: LegacyUser; system?: LegacySystem; session?: LegacySession };

/** `params.deal` (doc §2.3). Re-sending an existing `deal_number` edits that order. */
export type LegacyDeal = {
  deal_number?: string;
  offer_code?: string;
  offer_id?: string;
  product_title?: string;
  product_description?: string;
  quantity?: number;
  deal_cost?: number | string;
  deal_status?: DealStatus;
  deal_is_paid?: FlagInput;
  manager_email?: string;
  deal_created_at?: string;
  deal_finished_at?: string;
  deal_comment?: string;
  payment_type?: string;
  payment_status?: PaymentStatus;
  partner_email?: string;
  addfields?: Record<string, string | number>;
  deal_currency?: string;
  funnel_id?: string;
  funnel_stage_id?: string;
};

export type ImportDealParams = ImportUserParams & { deal: LegacyDeal };

export type UserImportResult = {
  /** The GC user id; the hub takes it from here (Tech API field calls do not return it). */
  userId: number;
  /** "added" for a new user; other values for existing users are not documented. */
  userStatus: string;
};

export type DealImportResult = UserImportResult & {
  /** Internal deal id, the one in the admin card URL. */
  dealId: number;
  /** Empty unless `system.return_deal_number` was set. */
  dealNumber: string;
  paymentLink: string;
};

type LegacyImportConfig = TransportConfig & { apiKey: string };

function normalizeSystem(system: LegacySystem | undefined): Record<string, string | number> | undefined {
  if (!system) return undefined;
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(system)) {
    if (value === undefined) continue;
    out[name] = name === "partner_email" ? String(value) : (toRequestFlag(value as FlagInput) ?? 0);
  }
  return out;
}

function normalizeDeal(deal: LegacyDeal): Record<string, unknown> {
  const { deal_is_paid: isPaid, ...rest } = deal;
  return { ...rest, ...(isPaid === undefined ? {} : { deal_is_paid: toRequestFlag(isPaid) }) };
}

export function createLegacyImport(config: LegacyImportConfig) {
  async function importAction(path: string, params: Record<string, unknown>, what: string, idempotent: boolean) {
    const body = legacyForm(config.apiKey, { action: "add", params: encodeLegacyParams(params) });
    const response = await send(config, { path, method: "POST", headers: FORM_CONTENT_TYPE, body, idempotent });
    checkLegacyHttpStatus(response, what);
    if (response.text.trim().length === 0) {
      // Observed on accounts whose plan has no API: HTTP 200, empty body, nothing written (doc §2.6).
      throw new GetCourseError(
        "plan_has_no_api",
        `${what}: empty answer; GetCourse does this when the plan has no API access`,
        {
          status: response.status,
        },
      );
    }
    if (response.json === undefined) {
      throw new GetCourseError("malformed_answer", `${what} answer: body is not JSON (HTTP ${response.status})`, {
        status: response.status,
      });
    }
    const answer = parseAnswer(
      legacyImportAnswerSchema,
      response.json,
      what,
      response.status,
      `legacy.${what.replace(" ", "-")}`,
    );
    // Both levels: the call may be understood (outer success) while nothing was written.
    if (!answer.success) {
      const message = typeof answer.error === "string" && answer.error ? answer.error : answer.error_message;
      throw legacyFailureToError({ message, code: answer.error_code });
    }
    const result = answer.result;
    if (!result) throw new GetCourseError("malformed_answer", `${what} answer has no result`);
    if (result.error || result.success === false) {
      throw legacyFailureToError({ message: result.error_message, code: answer.error_code });
    }
    if (result.user_id === undefined) throw new GetCourseError("malformed_answer", `${what} answer has no user_id`);
    return { result, userId: result.user_id };
  }

  /** `POST /pl/api/users action=add`: creates the user or finds them by e-mail (updates with refresh_if_exists). */
  async function importUser(params: ImportUserParams): Promise<UserImportResult> {
    const payload = { ...params, system: normalizeSystem(params.system) };
    const { result, userId } = await importAction(legacyPaths.users, payload, "user import", true);
    return { userId, userStatus: result.user_status };
  }

  /** `POST /pl/api/deals action=add`: creates an order, or edits the one with the given deal_number. */
  async function importDeal(params: ImportDealParams): Promise<DealImportResult> {
    const payload = { ...params, system: normalizeSystem(params.system), deal: normalizeDeal(params.deal) };
    // Without a deal_number a repeat would create a second order.
    const idempotent = Boolean(params.deal.deal_number);
    const { result, userId } = await importAction(legacyPaths.deals, payload, "deal import", idempotent);
    if (result.deal_id === undefined) throw new GetCourseError("malformed_answer", "deal import answer has no deal_id");
    return {
      userId,
      userStatus: result.user_status,
      dealId: result.deal_id,
      dealNumber: result.deal_number,
      paymentLink: result.payment_link,
    };
  }

  return { importUser, importDeal };
}
