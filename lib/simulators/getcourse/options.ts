import { EXPORT_BUDGET_LIMIT, EXPORT_BUDGET_WINDOW_MS } from "@/lib/getcourse/export-budget";
import { MOSCOW_OFFSET_MINUTES } from "./format";

/**
 * Behaviour the doc marks as inferred or unknown is a knob here, so tests can try each variant.
 * Defaults follow the doc's best evidence.
 */
/**
 * How Tech API deliveries look. `live` (the default) is what integrators captured on live
 * accounts (N8N `nodes/GetCourseTrigger/payload.ts`, README "Data quirks"): every delivery wrapped
 * as `{"json": {...}}`, `ts` the order's creation time in account-local time with a `Z` appended.
 * `published` is the shape of the public samples (NIK `examples/webhooks/deal/*.json`): bare
 * unless the subscription asks for the wrapper, `ts` the delivery time in UTC.
 */
export type TechDeliveryShape = "live" | "published";

export type SimulatorBehaviour = {
  techDeliveryShape: TechDeliveryShape;
  /** How Legacy import answers spell flags; real answers use booleans, GetCourse's docs write strings. */
  answerFlagsAs: "boolean" | "string" | "number";
  /** `user_status` for an import that finds an existing user (unknown in reality; "added" is for new ones). */
  existingUserStatus: string;
  /** An unknown title in `addfields`: silently ignored or a result error (unknown in reality). */
  unknownAddFieldName: "ignore" | "reject";
  /** False: imports answer HTTP 200 with an empty body, exports error 917 (doc §2.6). */
  planHasApi: boolean;
  /** Objects the import may create before «Достигнут лимит» (monthly in reality); null = no limit. */
  creationLimit: number | null;
  /**
   * An export that matched nothing: the live «Файл не создан, попробуйте другой фильтр» (issue 12,
   * N8N `helpers/errors.ts`) or, as N8N's README also describes, success with `items: []`.
   */
  emptyExportAnswer: "file_not_created" | "empty_items";
  /** 909 answers before an export is ready. */
  exportPollsBeforeReady: number;
  /** The account's Export API budget (100 per 2 h). */
  exportBudget: { limit: number; windowMs: number };
  /** Whether `/pl/api/account/fields` spends the export budget (unknown; N8N assumes yes). */
  fieldsCountAgainstBudget: boolean;
  /** Tech API errors as HTTP 200 with `status: false` instead of HTTP 4xx (NIK saw both). */
  techErrorsWithHttp200: boolean;
  /**
   * Shape of `get-custom-fields`: the live object keyed by field id listing every account field,
   * `value: null` where empty (zenland-dev CHANGELOG 0.2.0), or the published schema's array of
   * `{name, value, type, units}` without ids (TECH-OAS `UserCustomFields`).
   */
  customFieldsShape: "live_object" | "published_array";
  /**
   * Answer of `update-custom-fields`: the live echo keyed by field name (zenland-dev
   * `actions/user/execute.ts`), the published array of fields, or NiktarioN's `{result: true}`.
   */
  updateFieldsAnswer: "echo_by_name" | "published_array" | "result_flag";
  /** Whether `common/get-personal-managers` lists the staff (an account may have none). */
  personalManagers: boolean;
  /** `{object.status}` as the code (`payed`) or the Russian title (`Завершен`). */
  callbackStatusAs: "code" | "title";
  /** What an unknown `{object.…}` placeholder becomes. */
  unknownPlaceholder: "empty" | "keep";
  /** `deal.isPayed` in Tech API webhooks: seen both as boolean and 0/1. */
  webhookIsPayedAs: "boolean" | "number";
  /** How long a callback delivery may take before the simulator gives up (no retries either way). */
  deliveryTimeoutMs: number;
  /** Account time zone for exports, placeholders and webhook `ts`. */
  timeZoneOffsetMinutes: number;
  gcAccountId: number;
};

export const DEFAULT_BEHAVIOUR: SimulatorBehaviour = {
  techDeliveryShape: "live",
  answerFlagsAs: "boolean",
  existingUserStatus: "active",
  unknownAddFieldName: "ignore",
  planHasApi: true,
  creationLimit: null,
  emptyExportAnswer: "file_not_created",
  exportPollsBeforeReady: 2,
  exportBudget: { limit: EXPORT_BUDGET_LIMIT, windowMs: EXPORT_BUDGET_WINDOW_MS },
  fieldsCountAgainstBudget: true,
  techErrorsWithHttp200: false,
  customFieldsShape: "live_object",
  updateFieldsAnswer: "echo_by_name",
  personalManagers: true,
  callbackStatusAs: "code",
  unknownPlaceholder: "empty",
  webhookIsPayedAs: "boolean",
  deliveryTimeoutMs: 5_000,
  timeZoneOffsetMinutes: MOSCOW_OFFSET_MINUTES,
  gcAccountId: 384_201,
};
