import { z } from "zod";
import { db } from "@/lib/db";
import { getEnv } from "@/lib/env";
import type { DeliveryStatus, Prisma } from "@/lib/generated/prisma/client";
import { filterParam, pagingParams, sortParams } from "@/lib/schemas/list-query";
import { withinDays } from "./day-range";

/** The Deliveries page's URL state: status, period (school days, inclusive) and page. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "must be a date, YYYY-MM-DD" })
  .optional();

export const DELIVERY_STATUSES = ["pending", "sent", "dead"] as const satisfies readonly DeliveryStatus[];

export const deliveriesQuerySchema = z.object({
  status: filterParam(DELIVERY_STATUSES),
  from: day,
  to: day,
  ...pagingParams,
  ...sortParams(["createdAt", "attempts", "nextAttemptAt"], { sort: "createdAt", dir: "desc" }),
});
export type DeliveriesQuery = z.infer<typeof deliveriesQuerySchema>;

export type DeliveryRow = {
  id: string;
  projectId: string;
  sbClientId: string;
  kind: string;
  status: DeliveryStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  createdAt: Date;
  sentAt: Date | null;
};

export type DeliveriesPage = {
  rows: DeliveryRow[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status over the same period, for the status filter and "retry all dead". */
  counts: Record<DeliveryStatus, number>;
};

function periodWhere(query: Pick<DeliveriesQuery, "from" | "to">, timeZone: string): Prisma.DeliveryWhereInput {
  const createdAt = withinDays(query, timeZone);
  return createdAt ? { createdAt } : {};
}

export async function listDeliveries(query: DeliveriesQuery): Promise<DeliveriesPage> {
  const period = periodWhere(query, getEnv().TIME_ZONE);
  const where: Prisma.DeliveryWhereInput = { ...period, ...(query.status ? { status: query.status } : {}) };
  const [rows, total, grouped] = await Promise.all([
    db.delivery.findMany({
      where,
      select: {
        id: true,
        projectId: true,
        sbClientId: true,
        kind: true,
        status: true,
        attempts: true,
        maxAttempts: true,
        lastError: true,
        nextAttemptAt: true,
        createdAt: true,
        sentAt: true,
      },
      orderBy: [{ [query.sort]: query.dir }, { id: query.dir }],
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    }),
    db.delivery.count({ where }),
    db.delivery.groupBy({ by: ["status"], where: period, _count: { _all: true } }),
  ]);
  const counts: Record<DeliveryStatus, number> = { pending: 0, sent: 0, dead: 0 };
  for (const group of grouped) counts[group.status] = group._count._all;
  return {
    rows: rows.map((row) => ({ ...row, id: row.id.toString() })),
    total,
    page: query.page,
    pageSize: query.pageSize,
    counts,
  };
}
