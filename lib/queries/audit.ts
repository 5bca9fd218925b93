import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import { withinDays } from "./day-range";

/** The audit page's URL state: every filter is a search parameter, so a view can be shared. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional()
  .catch(undefined);
const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((value) => value || undefined);

export const auditQuerySchema = z.object({
  /** One entry, e.g. the relink just confirmed (its page links here). */
  id: z
    .string()
    .regex(/^\d{1,19}$/)
    .optional()
    .catch(undefined),
  actor: text,
  action: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const AUDIT_PAGE_SIZE = 50;

export type AuditRow = {
  id: string;
  createdAt: Date;
  actorEmail: string | null;
  action: string;
  target: string | null;
  before: unknown;
  after: unknown;
};

export type AuditPage = {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
  actors: string[];
  actions: string[];
};

export function auditWhere(query: AuditQuery, timeZone: string): Prisma.AuditLogWhereInput {
  const createdAt = withinDays(query, timeZone);
  return {
    ...(query.id ? { id: BigInt(query.id) } : {}),
    ...(query.actor ? { actorEmail: query.actor === "system" ? null : query.actor } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(createdAt ? { createdAt } : {}),
  };
}

export async function listAudit(query: AuditQuery): Promise<AuditPage> {
  const where = auditWhere(query, getEnv().TIME_ZONE);
  const [rows, total, actors, actions] = await Promise.all([
    db.auditLog.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (query.page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
    }),
    db.auditLog.count({ where }),
    db.auditLog.findMany({ distinct: ["actorEmail"], select: { actorEmail: true }, orderBy: { actorEmail: "asc" } }),
    db.auditLog.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, id: row.id.toString() })),
    total,
    page: query.page,
    pageSize: AUDIT_PAGE_SIZE,
    actors: actors.map((a) => a.actorEmail ?? "system"),
    actions: actions.map((a) => a.action),
  };
}
