import { DEFAULT_RETRY, type RetryPolicy } from "@/lib/outbound/retry";
import { ExportRequestBudget, type ExportBudgetOptions } from "./export-budget";
import { createFieldDirectory, type FieldDictionaryOptions } from "./fields";
import { GetCourseError, type MalformedAnswer } from "./gc-error";
import { createLegacyExport } from "./legacy-export";
import { createLegacyImport } from "./legacy-import";
import { createTechApi, type TechApi } from "./tech-api";
import type { TransportConfig } from "./transport";
import { gcDealCardUrl, gcUserCardUrl, normalizeAccountUrl, type GetCourseId } from "./urls";
import { createUserKeys } from "./user-keys";

export type GetCourseClientConfig = {
  /** e.g. https://school.getcourse.ru, a custom domain, or http://127.0.0.1:port for the simulator. */
  accountUrl: string;
  /** Legacy import/export key, the school's «секретный ключ»; derived from the Tech token when absent. */
  apiKey?: string;
  /** Tech API token `devKey_schoolKey`; absent → the school-key-only mode (issue 12). */
  techToken?: string;
  /** Per HTTP attempt. Default 5 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Pass one shared budget when several clients talk to the same account. */
  exportBudget?: ExportRequestBudget | ExportBudgetOptions;
  fieldDictionary?: FieldDictionaryOptions;
  /** Receives retry notes; secrets are already masked. */
  log?: (line: string) => void;
  /** Receives each answer that did not parse (the error still reaches the caller), for the admins' view. */
  onMalformedAnswer?: (sample: MalformedAnswerReport) => void;
};

export type MalformedAnswerReport = MalformedAnswer & { message: string; secrets: readonly string[] };

export const DEFAULT_TIMEOUT_MS = 5_000;

/** How the hub writes keys: the Tech API (token configured) or the Legacy import by field name. */
export type GetCourseKeyMode = "tech_api" | "school_key";

export const keyModeOf = (config: Pick<GetCourseClientConfig, "techToken">): GetCourseKeyMode =>
  config.techToken ? "tech_api" : "school_key";

/**
 * The Tech token is `developerKey_schoolKey`, and the school key is the account's secret key in
 * practice (zenland-dev CHANGELOG 0.2.1), so a token alone also opens the Legacy API.
 */
export function schoolKeyOf(config: Pick<GetCourseClientConfig, "apiKey" | "techToken">): string | undefined {
  if (config.apiKey) return config.apiKey;
  const separator = config.techToken?.indexOf("_") ?? -1;
  return separator > 0 ? config.techToken?.slice(separator + 1) || undefined : undefined;
}

/** Everything that identifies the account: masked wherever a message could carry it. */
function secretsOf(config: GetCourseClientConfig): string[] {
  const tokenHalves = (config.techToken ?? "").split("_").filter((part) => part.length >= 4);
  return [config.apiKey ?? "", config.techToken ?? "", ...tokenHalves].filter((secret) => secret.length > 0);
}

export function createGetCourseClient(config: GetCourseClientConfig) {
  const accountUrl = normalizeAccountUrl(config.accountUrl);
  const transport: TransportConfig = {
    accountUrl,
    timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: { ...DEFAULT_RETRY, ...config.retry },
    secrets: secretsOf(config),
    log: config.log,
  };
  const budget =
    config.exportBudget instanceof ExportRequestBudget
      ? config.exportBudget
      : new ExportRequestBudget(config.exportBudget);
  const apiKey = schoolKeyOf(config);
  const account = { ...transport, apiKey: apiKey ?? "", budget };

  const tech = config.techToken ? createTechApi({ ...transport, techToken: config.techToken }) : undefined;
  const fields = createFieldDirectory(apiKey ? account : undefined, tech, config.fieldDictionary);
  const legacyImport = createLegacyImport(account);
  const legacyExport = createLegacyExport(account);
  const keyMode = keyModeOf(config);

  const client = {
    accountUrl,
    keyMode,
    hasSchoolKey: apiKey !== undefined,
    ...(tech ?? missingTechApi()),
    ...fields,
    ...legacyImport,
    ...legacyExport,
    ...createUserKeys({ keyMode, tech, fields, legacyImport: apiKey ? legacyImport : undefined }),
    /** Export API requests this client may still make in the current 2-hour window. */
    remainingExportRequests: () => budget.remaining(),
    exportBudget: budget,
    userCardUrl: (gcUserId: GetCourseId) => gcUserCardUrl(accountUrl, gcUserId),
    dealCardUrl: (dealId: GetCourseId) => gcDealCardUrl(accountUrl, dealId),
  };
  return config.onMalformedAnswer
    ? reportingMalformedAnswers(client, config.onMalformedAnswer, transport.secrets)
    : client;
}

export type GetCourseClient = ReturnType<typeof createGetCourseClient>;

/** Tech API methods of a client without a token: each says which credential is missing. */
function missingTechApi(): TechApi {
  const refuse = () =>
    Promise.reject(new GetCourseError("auth_failed", "this call needs the Tech API token (GETCOURSE_TECH_TOKEN)"));
  return { getUserCustomFields: refuse, updateUserCustomFields: refuse, getUser: refuse, getPersonalManagers: refuse };
}

/** Wraps every method so that an answer that failed to parse reaches `report` before the error goes on. */
function reportingMalformedAnswers<Client extends object>(
  client: Client,
  report: (sample: MalformedAnswerReport) => void,
  secrets: readonly string[],
): Client {
  const reportAndRethrow = (error: unknown): never => {
    if (error instanceof GetCourseError && error.answer) report({ ...error.answer, message: error.message, secrets });
    throw error;
  };
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(client)) {
    if (typeof value !== "function") {
      wrapped[name] = value;
      continue;
    }
    const method = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]) => {
      try {
        const result = method(...args);
        return result instanceof Promise ? result.catch(reportAndRethrow) : result;
      } catch (error) {
        return reportAndRethrow(error);
      }
    };
  }
  return wrapped as Client;
}
