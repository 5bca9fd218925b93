import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterParam, pagingParams, searchParam, sortParams } from "@/lib/schemas/list-query";

/**
 * The linked-users list (/links) and its CSV export: one filter, two readers. Written in SQL
 * because the client's name lives in salebot_clients (joined on project + client id, no relation)
 * and every search kind must hit an index at a million links (see prisma/migrations/*_lists_indexes).
 */

// Not the name: it lives in salebot_clients, and ordering a million links by a joined column
// cannot walk an index (the bench measured seconds), so the name is searchable but not sortable.
export const LINK_SORTS = ["linkedAt", "email", "telegramId"] as const;
export const LINK_SOURCES = ["bot", "form", "admin"] as const;
export const LINK_PERIODS = ["24h", "7d", "30d", "90d"] as const;
/** `linked`: the keys are written on both sides; `salebot_pending`: GC has them, Salebot's variables still queued. */
export const LINK_STATUSES = ["linked", "salebot_pending"] as const;

const linkFilterShape = {
  q: searchParam,
  source: filterParam(LINK_SOURCES),
  period: filterParam(LINK_PERIODS),
  status: filterParam(LINK_STATUSES),
};

export const linkListQuerySchema = z.object({
  ...linkFilterShape,
  ...pagingParams,
  ...sortParams(LINK_SORTS, { sort: "linkedAt", dir: "desc" }),
});
export type LinkListQuery = z.infer<typeof linkListQuerySchema>;

/** The export takes the page's filters and sort, not its paging. */
export const linkExportQuerySchema = z.object({
  ...linkFilterShape,
  ...sortParams(LINK_SORTS, { sort: "linkedAt", dir: "desc" }),
  sep: z.enum(["comma", "semicolon", ",", ";"]).optional(),
});
export type LinkExportQuery = z.infer<typeof linkExportQuerySchema>;
export type LinkFilter = Partial<Pick<LinkListQuery, "q" | "source" | "period" | "status" | "sort" | "dir">>;

/**
 * Counting a million matches costs more than the page itself; past this the page says "more than
 * 10 000" and paging stops there (narrow the search instead). Every filtered view counts exactly.
 */
export const LINK_COUNT_CAP = 10_000;

export type LinkRow = {
  id: string;
  /** URL-safe id of the person's card: `<projectId>-<sbClientId>`. */
  customerId: string;
  projectId: string;
  sbClientId: string;
  telegramId: string | null;
  email: string;
  gcUserId: string | null;
  source: (typeof LINK_SOURCES)[number];
  linkedAt: Date;
  name: string | null;
  salebotPending: boolean;
};

export type LinkPage = { rows: LinkRow[]; total: number; totalCapped: boolean; page: number; pageSize: number };

export type SearchKind = "id" | "email" | "text";

/** Digits: an exact id (Telegram, Salebot client, GC user); with "@": an e-mail prefix; else a name or e-mail prefix. */
export function searchKind(q: string): SearchKind {
  if (/^\d+$/.test(q)) return "id";
  if (q.includes("@")) return "email";
  return "text";
}

function likePrefix(value: string): string {
  return `${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const OPEN_SALEBOT_ATTEMPT = Prisma.sql`EXISTS (
  SELECT 1 FROM link_attempts a
  WHERE a.project_id = l.project_id AND a.sb_client_id = l.sb_client_id
    AND a.error_code = 'salebot_unavailable' AND a.resolved_at IS NULL)`;

/**
 * The same test as a filter: pending clients are few, so the open attempts (found by their
 * `(error_code, resolved_at)` index) drive the query, instead of probing links newest first.
 */
const IN_OPEN_SALEBOT_ATTEMPTS = Prisma.sql`(l.project_id, l.sb_client_id) IN (
  SELECT a.project_id, a.sb_client_id FROM link_attempts a
  WHERE a.error_code = 'salebot_unavailable' AND a.resolved_at IS NULL)`;

const PERIOD_INTERVAL: Record<(typeof LINK_PERIODS)[number], string> = { "24h": "1 day", "7d": "7 days", "30d": "30 days", "90d": "90 days" };

function searchCondition(q: string): Prisma.Sql {
  const kind = searchKind(q);
  if (kind === "id") return Prisma.sql`(l.telegram_id = ${q} OR l.sb_client_id = ${q} OR l.gc_user_id = ${q})`;
  const prefix = likePrefix(q);
  const email = Prisma.sql`lower(l.email) LIKE ${prefix}`;
  if (kind === "email") return email;
  // Name or e-mail: the e-mail by its lower(email) index, the name checked per link through the
  // client's unique key (a broad prefix finds a page after a few hundred probes).
  return Prisma.sql`(${email} OR EXISTS (
    SELECT 1 FROM salebot_clients c2
    WHERE c2.project_id = l.project_id AND c2.client_id = l.sb_client_id AND lower(c2.name) LIKE ${prefix}))`;
}

export function linkWhere(filter: LinkFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.q) conditions.push(searchCondition(filter.q));
  if (filter.source) conditions.push(Prisma.sql`l.source = ${filter.source}::"LinkSource"`);
  if (filter.period) conditions.push(Prisma.sql`l.linked_at >= now() - ${PERIOD_INTERVAL[filter.period]}::interval`);
  if (filter.status === "salebot_pending") conditions.push(IN_OPEN_SALEBOT_ATTEMPTS);
  if (filter.status === "linked") conditions.push(Prisma.sql`NOT ${OPEN_SALEBOT_ATTEMPT}`);
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

const SORT_COLUMN: Record<(typeof LINK_SORTS)[number], string> = {
  linkedAt: "l.linked_at",
  email: "l.email",
  telegramId: "l.telegram_id",
};

/**
 * The id breaks ties, so paging never shows a row twice or skips one. Postgres' default null order
 * (last ascending, first descending) is kept, because it is the one a plain index can walk.
 */
export function linkOrderBy(filter: LinkFilter): Prisma.Sql {
  const column = SORT_COLUMN[filter.sort ?? "linkedAt"];
  const dir = (filter.dir ?? "desc") === "desc" ? "DESC" : "ASC";
  return Prisma.raw(`${column} ${dir}, l.id ${dir}`);
}

export const LINK_SELECT = Prisma.sql`
  l.id::text AS id, l.project_id AS "projectId", l.sb_client_id AS "sbClientId", l.telegram_id AS "telegramId",
  l.email, l.gc_user_id AS "gcUserId", l.source::text AS source, l.linked_at AS "linkedAt", c.name,
  ${OPEN_SALEBOT_ATTEMPT} AS "salebotPending"`;

export const LINK_FROM = Prisma.sql`links l LEFT JOIN salebot_clients c ON c.project_id = l.project_id AND c.client_id = l.sb_client_id`;

export function customerId(projectId: string, sbClientId: string): string {
  return `${projectId}-${sbClientId}`;
}

type RawLinkRow = Omit<LinkRow, "customerId">;

export function toLinkRow(row: RawLinkRow): LinkRow {
  return { ...row, customerId: customerId(row.projectId, row.sbClientId) };
}

export async function countLinks(filter: LinkFilter, cap = LINK_COUNT_CAP): Promise<{ total: number; capped: boolean }> {
  // Counting needs no name: the name search is a subquery on its own.
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (SELECT 1 FROM links l WHERE ${linkWhere(filter)} LIMIT ${cap + 1}) capped`;
  const n = row?.n ?? 0;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/**
 * A deferred join: the ids of the page are found on links alone, and only those 25 rows are
 * joined to their client and checked for a pending attempt (not every row the offset skips).
 */
export function linkPageSql(filter: LinkFilter, pageSize: number, offset: number): Prisma.Sql {
  return Prisma.sql`
    SELECT ${LINK_SELECT}
    FROM (SELECT l.id FROM links l WHERE ${linkWhere(filter)} ORDER BY ${linkOrderBy(filter)} LIMIT ${pageSize} OFFSET ${offset}) page
    JOIN (${LINK_FROM}) ON l.id = page.id
    ORDER BY ${linkOrderBy(filter)}`;
}

function pageOfLinks(query: LinkListQuery, page: number): Promise<RawLinkRow[]> {
  return db.$queryRaw<RawLinkRow[]>(linkPageSql(query, query.pageSize, (page - 1) * query.pageSize));
}

export async function listLinks(query: LinkListQuery): Promise<LinkPage> {
  // Never page past what was counted: a hand-edited ?page=9999 shows the last counted page.
  const lastPageOf = (total: number) => Math.max(1, Math.ceil(total / query.pageSize));
  const requested = Math.min(query.page, lastPageOf(LINK_COUNT_CAP + 1));
  const [{ total, capped }, firstTry] = await Promise.all([countLinks(query), pageOfLinks(query, requested)]);
  const page = Math.min(requested, lastPageOf(total));
  const rows = page === requested ? firstTry : await pageOfLinks(query, page);
  return { rows: rows.map(toLinkRow), total, totalCapped: capped, page, pageSize: query.pageSize };
}
