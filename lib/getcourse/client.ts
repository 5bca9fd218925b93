import { DEFAULT_RETRY, type RetryPolicy } from "@/lib/outbound/retry";
import { ExportRequestBudget, type ExportBudgetOptions } from "./export-budget";
import { createFieldDirectory, type FieldDictionaryOptions } from "./fields";
import { createLegacyExport } from "./legacy-export";
import { createLegacyImport } from "./legacy-import";
import { createTechApi } from "./tech-api";
import type { TransportConfig } from "./transport";
import { gcDealCardUrl, gcUserCardUrl, normalizeAccountUrl, type GetCourseId } from "./urls";

export type GetCourseClientConfig = {
  /** e.g. https://school.getcourse.ru, a custom domain, or http://127.0.0.1:port for the simulator. */
  accountUrl: string;
  /** Legacy import/export key. */
  apiKey: string;
  /** Tech API token `devKey_schoolKey`. */
  techToken: string;
  /** Per HTTP attempt. Default 5 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Pass one shared budget when several clients talk to the same account. */
  exportBudget?: ExportRequestBudget | ExportBudgetOptions;
  fieldDictionary?: FieldDictionaryOptions;
  /** Receives retry notes; secrets are already masked. */
  log?: (line: string) => void;
};

export const DEFAULT_TIMEOUT_MS = 5_000;

/** Everything that identifies the account: masked wherever a message could carry it. */
function secretsOf(config: GetCourseClientConfig): string[] {
  const tokenHalves = config.techToken.split("_").filter((part) => part.length >= 4);
  return [config.apiKey, config.techToken, ...tokenHalves].filter((secret) => secret.length > 0);
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
    config.exportBudget instanceof ExportRequestBudget ? config.exportBudget : new ExportRequestBudget(config.exportBudget);
  const account = { ...transport, apiKey: config.apiKey, budget };

  const tech = createTechApi({ ...transport, techToken: config.techToken });
  const fields = createFieldDirectory(account, tech, config.fieldDictionary);
  const legacyImport = createLegacyImport(account);
  const legacyExport = createLegacyExport(account);

  return {
    accountUrl,
    ...tech,
    ...fields,
    ...legacyImport,
    ...legacyExport,
    /** Export API requests this client may still make in the current 2-hour window. */
    remainingExportRequests: () => budget.remaining(),
    exportBudget: budget,
    userCardUrl: (gcUserId: GetCourseId) => gcUserCardUrl(accountUrl, gcUserId),
    dealCardUrl: (dealId: GetCourseId) => gcDealCardUrl(accountUrl, dealId),
  };
}

export type GetCourseClient = ReturnType<typeof createGetCourseClient>;
