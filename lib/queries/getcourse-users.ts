import { db } from "@/lib/db";

export type GetCourseUserMatch = {
  email: string;
  gcUserId: string | null;
  linkedClient: string | null;
  orders: number;
};

/**
 * GetCourse users the hub already knows, for the relink's e-mail step: any part of the e-mail, from
 * links and orders (GetCourse itself cannot be searched by a fragment; a whole e-mail is checked live).
 */
export async function searchGetCourseUsers(
  projectId: string,
  query: string,
  limit = 10,
): Promise<GetCourseUserMatch[]> {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db.$queryRaw<GetCourseUserMatch[]>`
    WITH known AS (
      SELECT email, gc_user_id, sb_client_id, 0 AS orders FROM links WHERE project_id = ${projectId} AND lower(email) LIKE ${pattern}
      UNION ALL
      SELECT lower(email), gc_user_id, NULL, 1 FROM gc_orders WHERE email IS NOT NULL AND lower(email) LIKE ${pattern}
    )
    SELECT email, max(gc_user_id) AS "gcUserId", max(sb_client_id) AS "linkedClient", sum(orders)::int AS orders
    FROM known GROUP BY email ORDER BY (email = ${q}) DESC, email LIMIT ${limit}`;
}
