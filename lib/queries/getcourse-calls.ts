import { db } from "@/lib/db";

/** GetCourse calls the hub could not read (stored by lib/events/getcourse-unreadable.ts), as /failures/getcourse lists them. */
export type UnreadableCallRow = {
  id: string;
  receivedAt: Date;
  method: string;
  contentType: string | null;
  query: Record<string, string>;
  body: string | null;
  reason: string;
  detail: string | null;
  handledAt: Date | null;
  handledBy: string | null;
  dealId: string | null;
};

const PAGE_SIZE = 50;

export function toUnreadableCallRow(
  row: Awaited<ReturnType<typeof db.gcUnreadableCall.findMany>>[number],
): UnreadableCallRow {
  const query =
    row.query && typeof row.query === "object" && !Array.isArray(row.query)
      ? (row.query as Record<string, string>)
      : {};
  return { ...row, id: String(row.id), query };
}

/** Open calls (newest first), or the handled ones. */
export async function listUnreadableCalls(options: {
  handled: boolean;
  page?: number;
}): Promise<{ rows: UnreadableCallRow[]; total: number }> {
  const where = { handledAt: options.handled ? { not: null } : null };
  const page = Math.max(1, options.page ?? 1);
  const [rows, total] = await Promise.all([
    db.gcUnreadableCall.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE_SIZE, take: PAGE_SIZE }),
    db.gcUnreadableCall.count({ where }),
  ]);
  return { rows: rows.map(toUnreadableCallRow), total };
}

export const countOpenUnreadableCalls = () => db.gcUnreadableCall.count({ where: { handledAt: null } });
