/** GetCourse client: everything the linking flow, jobs and pages need. The simulator lives apart, in lib/simulators/getcourse/. */
export {
  createGetCourseClient,
  DEFAULT_TIMEOUT_MS,
  keyModeOf,
  schoolKeyOf,
  type GetCourseClient,
  type GetCourseClientConfig,
  type GetCourseKeyMode,
  type MalformedAnswerReport,
} from "./client";
export { MissingFieldsError, type UnknownEmailPolicy, type UserKeysRead } from "./user-keys";
export {
  ExportRequestBudget,
  EXPORT_BUDGET_LIMIT,
  EXPORT_BUDGET_WINDOW_MS,
  type ExportBudgetOptions,
} from "./export-budget";
export {
  findUserFieldId,
  sampleManager,
  normalizeFieldName,
  userFieldsById,
  type FieldDictionaryOptions,
  type DefinedFields,
  type MissingField,
  type UserFieldLookup,
  type UserFieldsById,
} from "./fields";
export { isTruthyFlag, type FlagInput, type LooseFlag } from "./flags";
export { GetCourseError, LEGACY_ERROR_CODES } from "./gc-error";
export {
  exportTableToRecords,
  type DateRange,
  type DealsExportFilters,
  type ExportPoll,
  type ExportTable,
  type ExportWaitOptions,
  type UsersExportFilters,
} from "./legacy-export";
export type {
  DealImportResult,
  ImportDealParams,
  ImportUserParams,
  LegacyDeal,
  LegacySession,
  LegacySystem,
  LegacyUser,
  UserImportResult,
} from "./legacy-import";
export type { FieldDefinition, UserCustomField } from "./schemas";
export {
  DEAL_STATUSES,
  DEAL_STATUS_TITLES,
  USER_STATUSES,
  PAYMENT_STATUSES,
  type DealStatus,
  type UserStatus,
  type PaymentStatus,
} from "./statuses";
export type { CustomFieldValues, UserIdentity } from "./tech-api";
export { gcDealCardUrl, gcUserCardUrl, normalizeAccountUrl } from "./urls";
