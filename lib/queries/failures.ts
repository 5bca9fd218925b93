import { z } from "zod";
import { type CsvSeparator, csvStream } from "@/lib/csv/write";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { AttemptOutcome, LinkSource, Prisma } from "@/lib/generated/prisma/client";
import { LINK_ERROR_CODES } from "@/lib/linking/codes";
import { filterParam, pagingParams, searchParam, sortParams } from "@/lib/schemas/list-query";
import { withinDays } from "./day-range";

/**
 * The Failures page's URL state and reads. A failure is a link attempt whose outcome is not
 * `success`; it is open until `resolved_at` is set (a later success, or an admin dismissing it
 * with a reason). `view=open` lists what still needs someone; `view=history` keeps the resolved ones too.
 */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date, YYYY-MM-DD" })
  .optional();

export const FAILURE_SORTS = ["createdAt", "errorCode", "email"] as const;

export const failuresQuerySchema = z.object({
  view: z.enum(["open", "history"]).default("open"),
  code: filterParam(LINK_ERROR_CODES),
  q: searchParam,
  from: day,
  to: day,
  ...pagingParams,
  ...sortParams(FAILURE_SORTS, { sort: "createdAt", dir: "desc" }),
});
export type FailuresQuery = z.infer<typeof failuresQuerySchema>;
/** What the CSV shares with the page: everything but paging. */
export type FailuresFilter = Pick<FailuresQuery, "view" | "code" | "q" | "from" | "to">;

export type FailureRow = {
  id: string;
  requestId: string;
  projectId: string;
  createdAt: Date;
  errorCode: string | null;
  errorDetail: string | null;
  email: string | null;
  sbClientId: string | null;
  telegramId: string | null;
  source: LinkSource;
  actor: string | null;
  outcome: AttemptOutcome;
  resolvedAt: Date | null;
  retryCount: number;
  lastRetriedAt: Date | null;
  dismissedAt: Date | null;
  dismissedBy: string | null;
  dismissReason: string | null;
};

export type FailureGroup = { code: string; count: number; latestAt: Date | null };

export type FailuresPage = { rows: FailureRow[]; total: number; page: number; pageSize: number };

export const OPEN_FAILURE: Prisma.LinkAttemptWhereInput = { outcome: { not: "success" }, resolvedAt: null };

export function failuresWhere(query: FailuresFilter, timeZone: string): Prisma.LinkAttemptWhereInput {
  // A retry that failed again is written onto the failure it retried; its own row is only the log's.
  const and: Prisma.LinkAttemptWhereInput[] = [
    query.view === "open" ? OPEN_FAILURE : { outcome: { not: "success" } },
    { retryOf: null },
  ];
  if (query.code) and.push({ errorCode: query.code });
  if (query.q) {
    const q = query.q;
    // Ids are matched exactly (they are indexed and a prefix of one id is another id).
    and.push({ OR: [{ email: { contains: q.toLowerCase() } }, { sbClientId: q }, { telegramId: q }] });
  }
  const createdAt = withinDays(query, timeZone);
  if (createdAt) and.push({ createdAt });
  return { AND: and };
}

const SELECT = {
  id: true,
  requestId: true,
  projectId: true,
  createdAt: true,
  errorCode: true,
  errorDetail: true,
  email: true,
  sbClientId: true,
  telegramId: true,
  source: true,
  actor: true,
  outcome: true,
  resolvedAt: true,
  retryCount: true,
  lastRetriedAt: true,
  dismissedAt: true,
  dismissedBy: true,
  dismissReason: true,
} satisfies Prisma.LinkAttemptSelect;

type Selected = Prisma.LinkAttemptGetPayload<{ select: typeof SELECT }>;
const toRow = (row: Selected): FailureRow => ({ ...row, id: row.id.toString() });

export async function listFailures(query: FailuresQuery): Promise<FailuresPage> {
  const where = failuresWhere(query, getEnv().TIME_ZONE);
  const [rows, total] = await Promise.all([
    db.linkAttempt.findMany({
      where,
      select: SELECT,
      orderBy: [{ [query.sort]: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.linkAttempt.count({ where }),
  ]);
  return { rows: rows.map(toRow), total, page: query.page, pageSize: query.pageSize };
}

/** Open failures by error code, most frequent first (served by the (error_code, resolved_at) index). */
export async function failureGroups(): Promise<FailureGroup[]> {
  const groups = await db.linkAttempt.groupBy({
    by: ["errorCode"],
    where: OPEN_FAILURE,
    _count: { _all: true },
    _max: { createdAt: true },
  });
  return groups
    .map((group) => ({
      code: group.errorCode ?? "internal_error",
      count: group._count._all,
      latestAt: group._max.createdAt,
    }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** Every matching failure for the CSV, newest first, read in pages so memory stays flat. */
async function* failuresForExport(query: FailuresFilter, batchSize = 1_000): AsyncGenerator<FailureRow[]> {
  const where = failuresWhere(query, getEnv().TIME_ZONE);
  let cursor: bigint | undefined;
  for (;;) {
    const rows = await db.linkAttempt.findMany({
      where: cursor === undefined ? where : { AND: [where, { id: { lt: cursor } }] },
      select: SELECT,
      orderBy: { id: "desc" },
      take: batchSize,
    });
    if (rows.length > 0) yield rows.map(toRow);
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    cursor = last.id;
  }
}

const EXPORT_HEADER = [
  "created_at",
  "error_code",
  "status",
  "email",
  "telegram_id",
  "salebot_project",
  "sb_client_id",
  "source",
  "actor",
  "error_detail",
  "request_id",
  "resolved_at",
];

function exportStatus(row: FailureRow): string {
  if (row.dismissedAt) return "dismissed";
  if (row.resolvedAt) return "resolved";
  return row.outcome === "queued" ? "queued" : "open";
}

/** Every failure the filter selects (paging and sorting are the page's), as CSV. */
export function streamFailuresCsv(query: FailuresFilter, separator: CsvSeparator = ","): ReadableStream<Uint8Array> {
  return csvStream(failuresForExport(query), {
    header: EXPORT_HEADER,
    separator,
    row: (row) => [
      row.createdAt,
      row.errorCode,
      exportStatus(row),
      row.email,
      row.telegramId,
      row.projectId,
      row.sbClientId,
      row.source,
      row.actor,
      row.errorDetail,
      row.requestId,
      row.resolvedAt,
    ],
  });
}
