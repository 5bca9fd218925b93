import { z } from "zod";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterParam, pagingParams, searchParam, sortParams } from "@/lib/schemas/list-query";

/**
 * The linked-users list (/links) and its CSV export: one filter, two readers. Every condition and
 * sort reads links alone: the client's name, Telegram username and pending Salebot attempts are
 * kept on each link by triggers (prisma/migrations/*_links_search_columns, *_links_search_anywhere,
 * *_links_search_text),
 * so each search kind walks one of links' own indexes at a million rows (npm run bench:lists).
 */

export const LINK_SORTS = ["linkedAt", "name", "email", "telegramId"] as const;
export const LINK_SOURCES = ["bot", "form", "admin", "suggestion", "deep_link"] as const;
export type LinkSourceName = (typeof LINK_SOURCES)[number];

export function isLinkSource(value: string): value is LinkSourceName {
  return (LINK_SOURCES as readonly string[]).includes(value);
}
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
 * Counting a million matches costs more than the page itself, and a deep page of a search or filter
 * walks every match before it; past this the page says "more than 2 000" and paging stops there
 * (narrow the search or filter instead; the CSV export has every row).
 */
export const LINK_COUNT_CAP = 2_000;

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
  /** Without the "@". */
  telegramUsername: string | null;
  salebotPending: boolean;
};

export type LinkPage = {
  rows: LinkRow[];
  total: number;
  totalCapped: boolean;
  /** Past the cap, sorted by name or e-mail: the rows are the newest LINK_COUNT_CAP matches in that order. */
  newestMatchesOnly: boolean;
  page: number;
  pageSize: number;
};

export type SearchKind = "id" | "words" | "prefix";

/** The shortest word the trigram index can find: shorter words have no trigram of their own. */
const MIN_INDEXED_WORD = 3;

/**
 * The typed search as words: lower case, "ё" read as "е" (people type either), a leading "@" of a
 * Telegram username dropped.
 */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .replaceAll("ё", "е")
    .split(/\s+/)
    .map((word) => (word.length > 1 ? word.replace(/^@/, "") : word))
    .filter((word) => word.length > 0);
}

/**
 * Digits: an exact id (Telegram, Salebot client, GC user). Else every word anywhere in the name,
 * e-mail or Telegram username, in any order; while every word is shorter than a trigram (the first
 * letters typed), a prefix of the name or e-mail instead.
 */
export function searchKind(q: string): SearchKind {
  if (/^\d+$/.test(q)) return "id";
  return searchWords(q).some((word) => word.length >= MIN_INDEXED_WORD) ? "words" : "prefix";
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function likePrefix(value: string): string {
  return `${escapeLike(value.toLowerCase())}%`;
}

// Written exactly as the predicate of links_salebot_pending_linked_at_idx, so the planner uses it.
const SALEBOT_PENDING = Prisma.sql`l.pending_salebot_attempts > 0`;

const PERIOD_INTERVAL: Record<(typeof LINK_PERIODS)[number], string> = {
  "24h": "1 day",
  "7d": "7 days",
  "30d": "30 days",
  "90d": "90 days",
};

// The name's search and sort key: one index (links_client_name_key_idx) serves both.
const NAME_KEY = `lower(l.client_name) COLLATE "C"`;

// Name, e-mail and Telegram username, lower case, "ё" as "е": kept on each link by a trigger and
// indexed by trigrams (migration links_search_text), and carried by the name and e-mail sort indexes.
const SEARCH_TEXT = Prisma.raw("l.search_text");

/**
 * The search as alternatives that never match the same link, each served by one index. The export
 * joins them with OR; the list's count and page take each on its own, because a name prefix is one
 * contiguous range of the name order, which the planner's even-spread estimate misses (it walked
 * half a million names for one page), and because an OR filter is evaluated whole on every row.
 */
function searchAlternatives(q: string): Prisma.Sql[] {
  const kind = searchKind(q);
  if (kind === "id") return [Prisma.sql`(l.telegram_id = ${q} OR l.sb_client_id = ${q} OR l.gc_user_id = ${q})`];
  if (kind === "words") {
    const words = searchWords(q).map((word) => Prisma.sql`${SEARCH_TEXT} LIKE ${`%${escapeLike(word)}%`}`);
    return [Prisma.join(words, " AND ")];
  }
  const prefix = likePrefix(q);
  const email = Prisma.sql`lower(l.email) LIKE ${prefix}`;
  const name = Prisma.sql`${Prisma.raw(NAME_KEY)} LIKE ${prefix}`;
  return [name, Prisma.sql`${email} AND (${name}) IS NOT TRUE`];
}

function filterConditions(filter: LinkFilter): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filter.source) conditions.push(Prisma.sql`l.source = ${filter.source}::"LinkSource"`);
  if (filter.period) conditions.push(Prisma.sql`l.linked_at >= now() - ${PERIOD_INTERVAL[filter.period]}::interval`);
  if (filter.status === "salebot_pending") conditions.push(SALEBOT_PENDING);
  if (filter.status === "linked") conditions.push(Prisma.sql`NOT ${SALEBOT_PENDING}`);
  return conditions;
}

function allOf(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.join(conditions, " AND ") : Prisma.sql`TRUE`;
}

/** The filter as disjoint sets of links: one per search alternative (or one, without a search). */
function matchSets(filter: LinkFilter): Prisma.Sql[] {
  const filters = filterConditions(filter);
  const search = filter.q ? searchAlternatives(filter.q) : [];
  return search.length === 0 ? [allOf(filters)] : search.map((alternative) => allOf([alternative, ...filters]));
}

/**
 * What the list reads links from. Pending links are few (a Salebot outage's worth), so they are read
 * whole through their partial index and then sorted: walking a sort index instead, the planner
 * assumes them spread evenly, and when they share a trait (one bot, one name) it walks most of it.
 */
export function linkSource(filter: LinkFilter): Prisma.Sql {
  return filter.status === "salebot_pending"
    ? Prisma.sql`(SELECT * FROM links l WHERE ${SALEBOT_PENDING} OFFSET 0) l`
    : Prisma.sql`links l`;
}

export function linkWhere(filter: LinkFilter): Prisma.Sql {
  const search = filter.q ? searchAlternatives(filter.q) : [];
  const anySearch = search.length > 0 ? [Prisma.sql`(${Prisma.join(search, " OR ")})`] : [];
  return allOf([...anySearch, ...filterConditions(filter)]);
}

const SORT_COLUMN: Record<(typeof LINK_SORTS)[number], string> = {
  linkedAt: "l.linked_at",
  name: NAME_KEY,
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
  l.email, l.gc_user_id AS "gcUserId", l.source::text AS source, l.linked_at AS "linkedAt", l.client_name AS name,
  l.telegram_username AS "telegramUsername", ${SALEBOT_PENDING} AS "salebotPending"`;

export function customerId(projectId: string, sbClientId: string): string {
  return `${projectId}-${sbClientId}`;
}

type RawLinkRow = Omit<LinkRow, "customerId">;

export function toLinkRow(row: RawLinkRow): LinkRow {
  return { ...row, customerId: customerId(row.projectId, row.sbClientId) };
}

export async function countLinks(
  filter: LinkFilter,
  cap = LINK_COUNT_CAP,
): Promise<{ total: number; capped: boolean }> {
  const sets = matchSets(filter).map((where) => Prisma.sql`SELECT 1 FROM ${linkSource(filter)} WHERE ${where}`);
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM (${Prisma.join(sets, " UNION ALL ")} LIMIT ${cap + 1}) capped`;
  const n = row?.n ?? 0;
  return n > cap ? { total: cap, capped: true } : { total: n, capped: false };
}

/**
 * Whether a word search's page reads all its matches first (through the trigram index) and sorts
 * them, rather than walking the sort order. The count decides: up to the cap the matches are few,
 * and walking the order for them would pass most links (the planner's estimate of a LIKE '%word%'
 * share is coarse). Past the cap, the order is walked (linkCandidatesPageSql).
 */
export function readsMatchesFirst(filter: LinkFilter, countCapped: boolean): boolean {
  return Boolean(filter.q) && searchKind(filter.q ?? "") === "words" && !countCapped;
}

// Sorted by name or e-mail, a common word's matches cluster (every "Мария" sits in the middle of the
// name order, every "smirnov." near the end of the e-mail order), so walking that order for a page
// passes most links, and sorting every match reads all of them (125k for "мари", a second or more).
const CLUSTERING_SORTS: ReadonlySet<LinkFilter["sort"]> = new Set(["name", "email"]);

/**
 * Whether a page of this search, past the count's cap, orders its newest LINK_COUNT_CAP matches
 * rather than all of them (a common word sorted by name or e-mail; the page says so).
 */
export function sortsNewestMatchesOnly(filter: LinkFilter, countCapped: boolean): boolean {
  return (
    countCapped && Boolean(filter.q) && searchKind(filter.q ?? "") === "words" && CLUSTERING_SORTS.has(filter.sort)
  );
}

/**
 * A page of a common word (more matches than the count's cap): the ids of its candidates first,
 * then their rows. In date or Telegram id order the candidates are the first `offset + pageSize`
 * matches of that order, walked on an index that carries the search text (linked_at's, migration
 * links_search_text), so a link that does not match costs no table read. By name or e-mail they are
 * the newest LINK_COUNT_CAP matches (the same walk), ordered: the pages the list offers, each
 * row once, in a bounded read.
 */
export function linkCandidatesPageSql(filter: LinkFilter, pageSize: number, offset: number): Prisma.Sql {
  const order = linkOrderBy(filter);
  const candidates = CLUSTERING_SORTS.has(filter.sort)
    ? Prisma.sql`ORDER BY l.linked_at DESC, l.id DESC LIMIT ${LINK_COUNT_CAP}`
    : Prisma.sql`ORDER BY ${order} LIMIT ${offset + pageSize}`;
  return Prisma.sql`
    SELECT ${LINK_SELECT} FROM (SELECT l.id FROM ${linkSource(filter)} WHERE ${linkWhere(filter)} ${candidates}) candidates
    JOIN links l ON l.id = candidates.id
    ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`;
}

/** The statement of a word search's page, once its count is known. */
export function wordSearchPageSql(
  filter: LinkFilter,
  countCapped: boolean,
  pageSize: number,
  offset: number,
): Prisma.Sql {
  return countCapped ? linkCandidatesPageSql(filter, pageSize, offset) : linkPageSql(filter, pageSize, offset, true);
}

export function linkPageSql(filter: LinkFilter, pageSize: number, offset: number, matchesFirst = false): Prisma.Sql {
  const order = linkOrderBy(filter);
  const sets = matchSets(filter);
  const [only] = sets;
  if (only && sets.length === 1) {
    // OFFSET 0 keeps the planner from walking the sort order into the subquery.
    const source = matchesFirst
      ? Prisma.sql`(SELECT * FROM ${linkSource(filter)} WHERE ${only} OFFSET 0) l`
      : linkSource(filter);
    return Prisma.sql`SELECT ${LINK_SELECT} FROM ${source} WHERE ${only} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`;
  }
  // Each set brings its own first `offset + pageSize` in page order; the page is cut from their union.
  const firsts = sets.map(
    (where) =>
      Prisma.sql`(SELECT l.id FROM ${linkSource(filter)} WHERE ${where} ORDER BY ${order} LIMIT ${offset + pageSize})`,
  );
  return Prisma.sql`
    SELECT ${LINK_SELECT} FROM (${Prisma.join(firsts, " UNION ALL ")}) candidates JOIN links l ON l.id = candidates.id
    ORDER BY ${order} LIMIT ${pageSize} OFFSET ${offset}`;
}

function pageOfLinks(query: LinkListQuery, page: number): Promise<RawLinkRow[]> {
  return db.$queryRaw<RawLinkRow[]>(linkPageSql(query, query.pageSize, (page - 1) * query.pageSize));
}

export async function listLinks(query: LinkListQuery): Promise<LinkPage> {
  // Never page past what was counted: a hand-edited ?page=9999 shows the last counted page.
  const lastPageOf = (total: number) => Math.max(1, Math.ceil(total / query.pageSize));
  const requested = Math.min(query.page, lastPageOf(LINK_COUNT_CAP + 1));
  if (query.q && searchKind(query.q) === "words") {
    // The count first: it decides how the page reads its matches.
    const { total, capped } = await countLinks(query);
    const page = Math.min(requested, lastPageOf(total));
    const rows = await db.$queryRaw<RawLinkRow[]>(
      wordSearchPageSql(query, capped, query.pageSize, (page - 1) * query.pageSize),
    );
    const newestMatchesOnly = sortsNewestMatchesOnly(query, capped);
    return { rows: rows.map(toLinkRow), total, totalCapped: capped, newestMatchesOnly, page, pageSize: query.pageSize };
  }
  const [{ total, capped }, firstTry] = await Promise.all([countLinks(query), pageOfLinks(query, requested)]);
  const page = Math.min(requested, lastPageOf(total));
  const rows = page === requested ? firstTry : await pageOfLinks(query, page);
  return {
    rows: rows.map(toLinkRow),
    total,
    totalCapped: capped,
    newestMatchesOnly: false,
    page,
    pageSize: query.pageSize,
  };
}
