import { GetCourseError, LEGACY_ERROR_CODES } from "./gc-error";
import { accountFailure, callAccountApi, type LegacyAccountConfig } from "./legacy-account";
import { exportReadyInfoSchema, exportStartedInfoSchema } from "./schemas";
import type { DealStatus, UserStatus } from "./statuses";
import { parseAnswer } from "./transport";
import { legacyPaths } from "./urls";

/** Dates as GetCourse takes them: YYYY-MM-DD, in the account's time zone. */
export type DateRange = { from?: string; to?: string };

export type UsersExportFilters = {
  createdAt?: DateRange;
  status?: UserStatus;
  email?: string;
  /** Adds group columns; GetCourse does not count it as a filter. */
  idGroupList?: string;
};

export type DealsExportFilters = {
  createdAt?: DateRange;
  payedAt?: DateRange;
  finishedAt?: DateRange;
  statusChangedAt?: DateRange;
  status?: DealStatus;
  userIds?: number[];
  userInGroup?: number | string;
};

/** A finished export: Russian column titles and string cells; read by title, never by position. */
export type ExportTable = { exportId: number; fields: string[]; rows: string[][] };

export type ExportPoll = { ready: false } | { ready: true; table: ExportTable };

export type ExportWaitOptions = {
  /** Pause between polls; every poll spends the export budget. Default 30 s. */
  pollIntervalMs?: number;
  /** Give up (kind `timeout`) after this many "not ready" answers. Default 10. */
  maxPolls?: number;
  signal?: AbortSignal;
};

const DEFAULT_POLL_INTERVAL_MS = 30_000;
const DEFAULT_MAX_POLLS = 10;

function addRange(query: URLSearchParams, name: string, range: DateRange | undefined): void {
  if (range?.from) query.set(`${name}[from]`, range.from);
  if (range?.to) query.set(`${name}[to]`, range.to);
}

export function usersExportQuery(filters: UsersExportFilters): URLSearchParams {
  const query = new URLSearchParams();
  addRange(query, "created_at", filters.createdAt);
  if (filters.status) query.set("status", filters.status);
  if (filters.email) query.set("email", filters.email);
  if (filters.idGroupList) query.set("idgrouplist", filters.idGroupList);
  return query;
}

export function dealsExportQuery(filters: DealsExportFilters): URLSearchParams {
  const query = new URLSearchParams();
  addRange(query, "created_at", filters.createdAt);
  addRange(query, "payed_at", filters.payedAt);
  addRange(query, "finished_at", filters.finishedAt);
  addRange(query, "status_changed_at", filters.statusChangedAt);
  if (filters.status) query.set("status", filters.status);
  if (filters.userIds?.length) query.set("user_id", filters.userIds.join(","));
  if (filters.userInGroup !== undefined) query.set("user_in_group", String(filters.userInGroup));
  return query;
}

/** Rows as objects keyed by column title (the column set differs per account). */
export function exportTableToRecords(table: Pick<ExportTable, "fields" | "rows">): Array<Record<string, string>> {
  return table.rows.map((row) => Object.fromEntries(table.fields.map((title, index) => [title, row[index] ?? ""])));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const isNotReady = (answer: { code: number | undefined; message: string }) =>
  answer.code === LEGACY_ERROR_CODES.exportNotReady || /еще не создан|ещё не создан/i.test(answer.message);

/** «Файл не создан, попробуйте другой фильтр»: nothing matched the filter, an empty window (issue 12). */
const isEmptyResult = (answer: { code: number | undefined; message: string }) =>
  !isNotReady(answer) && /файл не создан/i.test(answer.message);

export function createLegacyExport(config: LegacyAccountConfig) {
  /** Exports started through this client run one at a time: GetCourse allows one per account (905). */
  let exclusive: Promise<unknown> = Promise.resolve();
  function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
    const run = exclusive.then(work, work);
    exclusive = run.catch(() => undefined);
    return run;
  }

  async function startExport(path: string, query: URLSearchParams, what: string): Promise<number> {
    // A repeated start after a lost answer would meet 905 and lose the first export id.
    const answer = await callAccountApi(config, { path, query, what, call: "legacy.export-start", idempotent: false });
    if (!answer.ok) throw accountFailure(answer, what);
    return parseAnswer(exportStartedInfoSchema, answer.info, what, undefined, "legacy.export-start").export_id;
  }

  /** `GET /pl/api/account/users` with filters; answers the export id. */
  function startUsersExport(filters: UsersExportFilters): Promise<number> {
    return startExport(legacyPaths.usersExport, usersExportQuery(filters), "users export start");
  }

  /** `GET /pl/api/account/deals` with filters; answers the export id. */
  function startDealsExport(filters: DealsExportFilters): Promise<number> {
    return startExport(legacyPaths.dealsExport, dealsExportQuery(filters), "deals export start");
  }

  /** One poll of `exports/{id}`: not ready (909) or the table. */
  async function fetchExport(exportId: number): Promise<ExportPoll> {
    const what = `export ${exportId} poll`;
    const answer = await callAccountApi(config, {
      path: legacyPaths.exportResult(exportId),
      what,
      call: "legacy.export-result",
      idempotent: true,
    });
    if (!answer.ok) {
      if (isNotReady(answer)) return { ready: false };
      if (isEmptyResult(answer)) return { ready: true, table: { exportId, fields: [], rows: [] } };
      throw accountFailure(answer, what);
    }
    const info = parseAnswer(exportReadyInfoSchema, answer.info, what, undefined, "legacy.export-result");
    return { ready: true, table: { exportId, fields: info.fields, rows: info.items } };
  }

  /** Polls until the file is built (909 means "not yet"). */
  async function waitForExport(exportId: number, options: ExportWaitOptions = {}): Promise<ExportTable> {
    const interval = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
    const maxPolls = options.maxPolls ?? DEFAULT_MAX_POLLS;
    for (let poll = 1; ; poll++) {
      const result = await fetchExport(exportId);
      if (result.ready) return result.table;
      if (poll >= maxPolls) {
        throw new GetCourseError("timeout", `export ${exportId} not ready after ${poll} polls; fetch it later by id`, {
          gcErrorCode: LEGACY_ERROR_CODES.exportNotReady,
        });
      }
      await sleep(interval, options.signal);
    }
  }

  /** Start and wait, one export at a time per client. */
  function exportUsers(filters: UsersExportFilters, options?: ExportWaitOptions): Promise<ExportTable> {
    return oneAtATime(async () => waitForExport(await startUsersExport(filters), options));
  }

  function exportDeals(filters: DealsExportFilters, options?: ExportWaitOptions): Promise<ExportTable> {
    return oneAtATime(async () => waitForExport(await startDealsExport(filters), options));
  }

  return { startUsersExport, startDealsExport, fetchExport, waitForExport, exportUsers, exportDeals };
}
