import { z } from "zod";
import { db } from "@/lib/db";
import type { MatchKind, MatchOrigin, Prisma, SuggestionStatus } from "@/lib/generated/prisma/client";
import { filterParam, pagingParams, sortParams } from "@/lib/schemas/list-query";
import { customerId } from "./links";

/**
 * The Suggestions page's URL state and reads (issue 16). `view=pending` is the work queue;
 * `ambiguous` lists values several GetCourse users share (shown, never linked); `decided` keeps
 * what was linked, dismissed or refused, and what a link made another way took the place of.
 */
export const SUGGESTION_VIEWS = ["pending", "ambiguous", "decided"] as const;
export type SuggestionView = (typeof SUGGESTION_VIEWS)[number];

export const suggestionsQuerySchema = z.object({
  view: z.enum(SUGGESTION_VIEWS).default("pending"),
  kind: filterParam(["phone", "email"] as const),
  ...pagingParams,
  ...sortParams(["createdAt"] as const, { sort: "createdAt", dir: "desc" }),
});
export type SuggestionsQuery = z.infer<typeof suggestionsQuerySchema>;

const STATUSES: Record<SuggestionView, SuggestionStatus[]> = {
  pending: ["pending"],
  ambiguous: ["ambiguous"],
  // Superseded: linked another way while it waited (a trigger on links marks it).
  decided: ["linked", "dismissed", "failed", "superseded"],
};

export type SuggestionRow = {
  id: string;
  projectId: string;
  sbClientId: string;
  customerId: string;
  clientName: string | null;
  messenger: string | null;
  kind: MatchKind;
  value: string;
  origin: MatchOrigin;
  gcUsers: { gcUserId: string; email: string }[];
  status: SuggestionStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decidedBy: string | null;
  dismissReason: string | null;
  errorCode: string | null;
  /** When superseded: the link that took its place (client and e-mail as saved then). */
  linkedClientId: string | null;
  linkedEmail: string | null;
};

export async function listSuggestions(
  query: SuggestionsQuery,
): Promise<{ rows: SuggestionRow[]; total: number; page: number; pageSize: number }> {
  const where: Prisma.LinkSuggestionWhereInput = {
    status: { in: STATUSES[query.view] },
    ...(query.kind ? { kind: query.kind } : {}),
  };
  const [found, total] = await Promise.all([
    db.linkSuggestion.findMany({
      where,
      orderBy: [{ createdAt: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.linkSuggestion.count({ where }),
  ]);
  const clients = found.length
    ? await db.salebotClient.findMany({
        where: { OR: found.map((row) => ({ projectId: row.projectId, clientId: row.sbClientId })) },
        select: { projectId: true, clientId: true, name: true, messenger: true },
      })
    : [];
  const clientOf = new Map(clients.map((client) => [`${client.projectId}:${client.clientId}`, client]));
  const rows = found.map((row): SuggestionRow => {
    const client = clientOf.get(`${row.projectId}:${row.sbClientId}`);
    return {
      id: String(row.id),
      projectId: row.projectId,
      sbClientId: row.sbClientId,
      customerId: customerId(row.projectId, row.sbClientId),
      clientName: client?.name ?? null,
      messenger: client?.messenger ?? null,
      kind: row.kind,
      value: row.value,
      origin: row.origin,
      gcUsers: row.gcUserIds.map((gcUserId, index) => ({ gcUserId, email: row.emails[index] ?? "" })),
      status: row.status,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
      decidedBy: row.decidedBy,
      dismissReason: row.dismissReason,
      errorCode: row.errorCode,
      linkedClientId: row.linkedClientId,
      linkedEmail: row.linkedEmail,
    };
  });
  return { rows, total, page: query.page, pageSize: query.pageSize };
}

export type DecidedSuggestion = {
  sbClientId: string;
  status: SuggestionStatus;
  email: string | null;
  errorCode: string | null;
  linkedClientId: string | null;
  linkedEmail: string | null;
};

/** What came of a decision, for the note above the list after it (null: no such suggestion). */
export async function decidedSuggestion(id: string | undefined): Promise<DecidedSuggestion | null> {
  if (!id || !/^\d{1,19}$/.test(id)) return null;
  const row = await db.linkSuggestion.findUnique({
    where: { id: BigInt(id) },
    select: { sbClientId: true, status: true, emails: true, errorCode: true, linkedClientId: true, linkedEmail: true },
  });
  if (!row) return null;
  const { emails, ...decided } = row;
  return { ...decided, email: emails[0] ?? null };
}

/** How many wait for staff: the nav badge and the overview. */
export async function countPendingSuggestions(): Promise<number> {
  return db.linkSuggestion.count({ where: { status: "pending" } });
}
